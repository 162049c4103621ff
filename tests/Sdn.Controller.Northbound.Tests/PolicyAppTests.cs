using Microsoft.Extensions.Logging.Abstractions;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Northbound.Tests;

public sealed class PolicyAppTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), "sdn-policy-app-" + Guid.NewGuid().ToString("n"), "p.db");
    private readonly EventBus _bus = new(NullLogger<EventBus>.Instance);

    private PolicyApp App(PolicyStore store) => new(store, _bus, new ManualTimeProvider(), NullLogger<PolicyApp>.Instance);

    [Fact]
    public async Task Apply_installs_drop_flows_on_every_switch_confirms_and_replacing_deletes_the_old_version()
    {
        using var store = new PolicyStore(_db);
        var app = App(store);
        var s1 = new RecordingSwitch(1);
        var s2 = new RecordingSwitch(2);
        app.OnSwitchUp(s1);
        app.OnSwitchUp(s2);
        s1.Sent.Clear();
        s2.Sent.Clear();
        var request = new ApplyPolicyRequest { Policy = PolicyValidatorTests.Deny("h1-h2", new AclMatch { EthSrc = "00:00:00:00:00:01", EthDst = "00:00:00:00:00:02" }) };

        var response = await app.ApplyAsync(request, CancellationToken.None);
        Assert.Equal(["0000000000000001", "0000000000000002"], response.ConfirmedDpids.Order());
        foreach (var sw in new[] { s1, s2 })
        {
            var drop = Assert.Single(sw.Sent.OfType<FlowMod>());
            Assert.Equal(FlowModCommand.Add, drop.Command);
            Assert.Empty(drop.Instructions);
            Assert.Equal((ushort)1010, drop.Priority);
            Assert.Equal(PolicyApp.CookieOf("h1-h2", 1), drop.Cookie);
            Assert.Single(sw.Sent.OfType<BarrierRequest>());
        }

        s1.Sent.Clear();
        await app.ApplyAsync(request, CancellationToken.None);
        var mods = s1.Sent.OfType<FlowMod>().ToList();
        Assert.Equal(PolicyApp.CookieOf("h1-h2", 2), mods[0].Cookie);
        Assert.Equal(FlowModCommand.Delete, mods[1].Command);
        Assert.Equal(PolicyApp.CookieOf("h1-h2", 1), mods[1].Cookie);
        Assert.Equal(ulong.MaxValue, mods[1].CookieMask);
        Assert.Single(store.All);
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_invalid_policies_apply_nothing()
    {
        using var store = new PolicyStore(_db);
        var app = App(store);
        var s1 = new RecordingSwitch(1);
        app.OnSwitchUp(s1);
        s1.Sent.Clear();
        var dry = await app.ApplyAsync(new ApplyPolicyRequest { DryRun = true, Policy = PolicyValidatorTests.Deny("x", new AclMatch { EthSrc = "00:00:00:00:00:01" }) }, CancellationToken.None);
        Assert.Equal("add dpid=0000000000000001 priority=1010 eth_src=00:00:00:00:00:01 actions=drop cookie=0x" + PolicyApp.CookieOf("x", 1).ToString("x16"), Assert.Single(dry.FlowChanges));
        await Assert.ThrowsAsync<PolicyValidationException>(() => app.ApplyAsync(new ApplyPolicyRequest { Policy = PolicyValidatorTests.Deny("y", new AclMatch()) }, CancellationToken.None));
        Assert.Empty(s1.Sent);
        Assert.Empty(store.All);
    }

    [Fact]
    public async Task Stored_policies_are_reapplied_to_switches_after_a_restart_and_delete_removes_them()
    {
        using (var store = new PolicyStore(_db))
        {
            await App(store).ApplyAsync(new ApplyPolicyRequest { Policy = PolicyValidatorTests.Deny("keep", new AclMatch { EthDst = "00:00:00:00:00:02" }) }, CancellationToken.None);
        }

        using var reopened = new PolicyStore(_db);
        var app = App(reopened);
        var sw = new RecordingSwitch(7);
        app.OnSwitchUp(sw);
        var mods = sw.Sent.OfType<FlowMod>().ToList();
        Assert.Equal(FlowModCommand.Delete, mods[0].Command); // the whole policy cookie range first: nothing stale survives
        Assert.Equal(0x2000_0000_0000_0000UL, mods[0].Cookie);
        Assert.Equal(0xff00_0000_0000_0000UL, mods[0].CookieMask);
        Assert.Equal(PolicyApp.CookieOf("keep", 1), mods[1].Cookie);
        Assert.Equal(2, mods.Count);
        sw.Sent.Clear();
        Assert.NotNull(await app.DeleteAsync("keep", CancellationToken.None));
        Assert.Equal(FlowModCommand.Delete, Assert.Single(sw.Sent.OfType<FlowMod>()).Command);
        Assert.Null(await app.DeleteAsync("keep", CancellationToken.None));
        Assert.Empty(reopened.All);
    }

    public void Dispose()
    {
        var dir = Path.GetDirectoryName(_db)!;
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
