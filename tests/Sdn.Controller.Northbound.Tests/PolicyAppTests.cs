using Microsoft.Extensions.Logging.Abstractions;
using Sdn.Controller.Apps;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Northbound.Tests;

public sealed class PolicyAppTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), "sdn-policy-app-" + Guid.NewGuid().ToString("n"), "p.db");
    private readonly EventBus _bus = new(NullLogger<EventBus>.Instance);

    private readonly List<PolicyStore> _stores = [];

    private PolicyApp App(PolicyStore store, bool aclTable = true) =>
        new(store, _bus, new FlowPipeline(aclTable), new ManualTimeProvider(), NullLogger<PolicyApp>.Instance);

    /// <summary>A fresh store (disposed with the test) and app, and a switch that is up (what it was sent forgotten unless <paramref name="keep"/>).</summary>
    private (PolicyStore Store, PolicyApp App, RecordingSwitch Switch) Connected(bool aclTable = true, RecordingSwitch? sw = null, bool keep = false)
    {
        var store = new PolicyStore(_db);
        _stores.Add(store);
        var app = App(store, aclTable);
        sw ??= new RecordingSwitch(1);
        app.OnSwitchUp(sw);
        if (!keep)
        {
            sw.Sent.Clear();
        }

        return (store, app, sw);
    }

    private static Task<ApplyPolicyResponse> Apply(PolicyApp app, Policy policy, bool dryRun = false) =>
        app.ApplyAsync(new ApplyPolicyRequest { Policy = policy, DryRun = dryRun }, CancellationToken.None);

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
        Assert.Equal("add dpid=0000000000000001 table=0 priority=1010 eth_src=00:00:00:00:00:01 actions=drop cookie=0x" + PolicyApp.CookieOf("x", 1).ToString("x16"), Assert.Single(dry.FlowChanges));
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
        Assert.Equal(PolicyApp.AclMissCookie, mods[1].Cookie); // then the ACL stage's goto entry, then the rules
        Assert.Equal(PolicyApp.CookieOf("keep", 1), mods[2].Cookie);
        Assert.Equal(3, mods.Count);
        sw.Sent.Clear();
        Assert.NotNull(await app.DeleteAsync("keep", CancellationToken.None));
        Assert.Equal(FlowModCommand.Delete, Assert.Single(sw.Sent.OfType<FlowMod>()).Command);
        Assert.Null(await app.DeleteAsync("keep", CancellationToken.None));
        Assert.Empty(reopened.All);
    }

    private static FlowMod Expected(ushort priority, Match match, ulong cookie, bool allow) =>
        new(FlowModCommand.Add, match, allow ? [new GotoTableInstruction(1)] : ValueArray<OfpInstruction>.Empty) { Cookie = cookie, Priority = priority, TableId = 0 };

    private static Match Ipv4(params OxmField[] fields) => new([OxmField.EthType(0x0800), .. fields]);

    private static readonly uint Net10 = 0x0a00_0000, Host2 = 0x0a00_0002;

    [Fact]
    public async Task Deny_and_allow_are_exact_flow_mods_in_table_0_drop_and_goto_table_1()
    {
        var (_, app, sw) = Connected();

        var response = await Apply(app, PolicyValidatorTests.DenyWithSshException("ssh"));

        var cookie = PolicyApp.CookieOf("ssh", 1);
        FlowMod[] expected =
        [
            Expected(1010, Ipv4(OxmField.Ipv4Src(Net10, 0xffff_ff00), OxmField.Ipv4Dst(Host2)), cookie, allow: false),
            Expected(1020, Ipv4(OxmField.IpProto(6), OxmField.Ipv4Dst(Host2), OxmField.Basic(OxmBasicField.TcpDst, 22)), cookie, allow: true),
        ];
        Assert.Equal(expected, sw.Sent.OfType<FlowMod>());
        Assert.IsType<BarrierRequest>(sw.Sent[^1]);
        Assert.Equal(["0000000000000001"], response.ConfirmedDpids);
        Assert.Equal(
        [
            $"add dpid=0000000000000001 table=0 priority=1010 eth_type=0x0800,ipv4_src=10.0.0.0/24,ipv4_dst=10.0.0.2 actions=drop cookie=0x{cookie:x16}",
            $"add dpid=0000000000000001 table=0 priority=1020 eth_type=0x0800,ip_proto=6,ipv4_dst=10.0.0.2,tp_dst=22 actions=goto_table:1 cookie=0x{cookie:x16}",
        ], response.FlowChanges);
    }

    [Fact]
    public void Switch_up_clears_the_range_then_installs_the_acl_table_miss_goto_table_1_then_every_rule()
    {
        var (_, _, sw) = Connected(keep: true);

        var mods = sw.Sent.Cast<FlowMod>().ToList();
        Assert.Equal(2, mods.Count);
        Assert.Equal(new CookieRange(PolicyApp.CookieId).DeleteAll(), mods[0]);
        var miss = new FlowMod(FlowModCommand.Add, Match.Any, [new GotoTableInstruction(1)]) { Cookie = 0x2000_0000_0000_0000UL, Priority = 0, TableId = 0 };
        Assert.Equal(miss, mods[1]);
    }

    [Fact]
    public async Task Replacing_a_policy_with_allow_rules_is_make_before_break()
    {
        var (_, app, sw) = Connected();
        await Apply(app, new Policy { Id = "ssh", Acl = { PolicyValidatorTests.DenyWithSshException("ssh").Acl[0] } });
        sw.Sent.Clear();

        // Version 2 adds the ALLOW exception: both new flows, barrier, only then the old version goes.
        var dry = await Apply(app, PolicyValidatorTests.DenyWithSshException("ssh"), dryRun: true);
        Assert.Empty(sw.Sent);
        await Apply(app, PolicyValidatorTests.DenyWithSshException("ssh"));

        var v1 = PolicyApp.CookieOf("ssh", 1);
        var v2 = PolicyApp.CookieOf("ssh", 2);
        Assert.Equal(5, sw.Sent.Count);
        Assert.Equal((v2, (ushort)1010, 0), Summary(sw.Sent[0]));
        Assert.Equal((v2, (ushort)1020, 1), Summary(sw.Sent[1]));
        Assert.IsType<BarrierRequest>(sw.Sent[2]);
        Assert.Equal(CookieRange.DeleteExactly(v1), sw.Sent[3]);
        Assert.IsType<BarrierRequest>(sw.Sent[4]);
        Assert.Equal($"delete dpid=0000000000000001 table=all cookie=0x{v1:x16}", dry.FlowChanges[^1]);
        Assert.Contains(dry.FlowChanges, c => c.Contains("table=0 priority=1020", StringComparison.Ordinal) && c.Contains("actions=goto_table:1", StringComparison.Ordinal));

        static (ulong Cookie, ushort Priority, int GotoCount) Summary(OfpMessage m)
        {
            var f = Assert.IsType<FlowMod>(m);
            Assert.Equal(FlowModCommand.Add, f.Command);
            Assert.Equal(0, f.TableId);
            return (f.Cookie, f.Priority, f.Instructions.Items.Count(i => i is GotoTableInstruction { TableId: 1 }));
        }
    }

    [Fact]
    public async Task OpenFlow10_switches_are_left_untouched()
    {
        var (_, app, of10) = Connected(sw: new RecordingSwitch(5) { Version = OfpVersion.OpenFlow10 }, keep: true);
        var response = await Apply(app, PolicyValidatorTests.DenyWithSshException("ssh"));
        Assert.Empty(of10.Sent);
        Assert.Empty(response.ConfirmedDpids);
        Assert.Empty(response.FlowChanges);
    }

    [Fact]
    public async Task Single_table_config_refuses_allow_naming_the_setting_and_keeps_deny_in_table_0_without_a_goto_entry()
    {
        var (store, app, sw) = Connected(aclTable: false, keep: true);
        Assert.Equal(new CookieRange(PolicyApp.CookieId).DeleteAll(), Assert.Single(sw.Sent)); // no goto_table entry
        sw.Sent.Clear();

        var refused = await Assert.ThrowsAsync<PolicyPreconditionException>(() => Apply(app, PolicyValidatorTests.DenyWithSshException("ssh")));
        Assert.Equal("acl[1].action: ALLOW needs the ACL table, but Policies:AclTable is false (one flow table: only DENY rules can be enforced)", refused.Message);
        Assert.Empty(sw.Sent);
        Assert.Empty(store.All);

        await Apply(app, PolicyValidatorTests.Deny("d", new AclMatch { EthSrc = "00:00:00:00:00:01" }));
        var drop = Assert.Single(sw.Sent.OfType<FlowMod>());
        Assert.Equal(0, drop.TableId);
        Assert.Empty(drop.Instructions);
    }

    [Fact]
    public async Task A_stored_allow_policy_stops_a_single_table_start_with_the_setting_named()
    {
        using (var store = new PolicyStore(_db))
        {
            await Apply(App(store), PolicyValidatorTests.DenyWithSshException("ssh"));
        }

        using var reopened = new PolicyStore(_db);
        var ex = Assert.Throws<InvalidOperationException>(() => App(reopened, aclTable: false));
        Assert.Contains("'ssh'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Policies:AclTable=true", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_contradicting_another_policy_are_refused_but_a_policy_may_replace_its_own()
    {
        var (store, app, sw) = Connected();
        var denyNet = PolicyValidatorTests.Deny("deny-net", new AclMatch { Ipv4Src = "10.0.0.0/24" });
        await Apply(app, denyNet);
        sw.Sent.Clear();

        var allow = new Policy { Id = "allow-icmp", Acl = { PolicyValidatorTests.Rule(AclAction.Allow, 10, new AclMatch { Ipv4Src = "10.0.0.1", IpProto = 1 }) } };
        var clash = await Assert.ThrowsAsync<PolicyValidationException>(() => Apply(app, allow));
        Assert.StartsWith("acl[0]: ALLOW overlaps DENY policy 'deny-net' acl[0] at the same priority 10", clash.Message);
        var copy = PolicyValidatorTests.Deny("copy", new AclMatch { Ipv4Src = "10.0.0.0/24" });
        var same = await Assert.ThrowsAsync<PolicyValidationException>(() => Apply(app, copy));
        Assert.StartsWith("acl[0]: same match and priority 10 as policy 'deny-net' acl[0]", same.Message);
        Assert.Empty(sw.Sent);

        allow.Acl[0].Priority = 11;
        await Apply(app, allow);
        await Apply(app, denyNet); // its own previous version is no conflict
        Assert.Equal(2, store.All.Count);
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        var dir = Path.GetDirectoryName(_db)!;
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
