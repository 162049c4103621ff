using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.V1;

namespace Sdn.Controller.Northbound.Tests;

public sealed class PolicyStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sdn-policy-tests-" + Guid.NewGuid().ToString("n"));

    private string Db => Path.Combine(_dir, "policies.db");

    [Fact]
    public void Policies_survive_reopening_and_deletes_stick()
    {
        using (var store = new PolicyStore(Db))
        {
            store.Save(PolicyValidatorTests.Deny("a", new AclMatch { EthSrc = "00:00:00:00:00:01" }));
            store.Save(PolicyValidatorTests.Deny("b", new AclMatch { EthDst = "00:00:00:00:00:02" }));
            Assert.True(store.Delete("a"));
            Assert.False(store.Delete("a"));
        }

        using var reopened = new PolicyStore(Db);
        var only = Assert.Single(reopened.All);
        Assert.Equal("b", only.Id);
        Assert.Equal("00:00:00:00:00:02", only.Acl[0].Match.EthDst);
    }

    [Fact]
    public void A_file_that_is_not_a_policy_database_is_a_clear_startup_error()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Db, "this is not an sqlite database, it is just text that happens to be long enough to have a header");
        var ex = Assert.Throws<PolicyStoreException>(() => new PolicyStore(Db));
        Assert.Contains(Db, ex.Message);
        Assert.Contains("does not start without its policies", ex.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
