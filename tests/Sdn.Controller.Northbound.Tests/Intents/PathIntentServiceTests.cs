using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Northbound.Policies.Intents;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;
using Sdn.OpenFlow.Messages;
using static Sdn.Controller.Northbound.Tests.Intents.IntentValidatorTests;

namespace Sdn.Controller.Northbound.Tests.Intents;

/// <summary><see cref="PathIntentService"/> on the ring of <see cref="IntentHarness"/>: checks, dry run, apply, delete, restart.</summary>
public sealed class PathIntentServiceTests
{
    private static readonly string H1 = "00:00:00:00:00:01", H2 = "00:00:00:00:00:02";

    private static Task<ApplyPolicyResponse> Apply(IntentHarness h, Policy policy, bool dryRun = false) =>
        h.Service.ApplyAsync(new ApplyPolicyRequest { Policy = policy, DryRun = dryRun }, CancellationToken.None);

    private static async Task<RpcException> Rejected(IntentHarness h, Policy policy, StatusCode code)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Apply(h, policy));
        Assert.Equal(code, ex.StatusCode);
        Assert.Empty(h.Store.All); // nothing applied
        Assert.Empty(h.Live.Current.All);
        return ex;
    }

    [Fact]
    public async Task Unknown_switches_and_links_are_not_found_with_the_field()
    {
        using var h = new IntentHarness();
        Assert.Equal("intents[0].waypoint.dpid: switch 0000000000000009 is not connected", (await Rejected(h, WithIntents("p", Via("9")), StatusCode.NotFound)).Status.Detail);
        Assert.Equal("intents[1].avoid_link.b.dpid: switch 0000000000000007 is not connected", (await Rejected(h, WithIntents("p", Via("1"), Avoid("1", "7")), StatusCode.NotFound)).Status.Detail);
        Assert.Equal("intents[0].avoid_link: no link 0000000000000001:* - 0000000000000003:* in the topology", (await Rejected(h, WithIntents("p", Avoid("1", "3")), StatusCode.NotFound)).Status.Detail);
        Assert.Equal("intents[0].avoid_link: no link 0000000000000001:2 - 0000000000000002:* in the topology", (await Rejected(h, WithIntents("p", Avoid("1", "2", 2)), StatusCode.NotFound)).Status.Detail);
        Assert.StartsWith("intents[0].selector.dst: no known host uses 10.0.0.9 (addresses are learned", (await Rejected(h, WithIntents("p", Via("1", dst: "10.0.0.9")), StatusCode.NotFound)).Status.Detail);
    }

    [Fact]
    public async Task Intents_that_cut_a_known_pair_off_are_a_failed_precondition_listing_the_pairs()
    {
        using var h = new IntentHarness();
        var ex = await Rejected(h, WithIntents("cut", Avoid("1", "2", src: H1), Avoid("1", "4", src: H1)), StatusCode.FailedPrecondition);
        Assert.StartsWith("intents: nothing applied; these host pairs have a path now and would have none: 00:00:00:00:00:01 -> 00:00:00:00:00:02 (avoid 0000000000000001:* - 0000000000000002:*, avoid 0000000000000001:* - 0000000000000004:*; policy cut intents[0], policy cut intents[1])", ex.Status.Detail);
        Assert.Contains("00:00:00:00:00:04 -> 00:00:00:00:00:01", ex.Status.Detail); // both directions, every pair
        Assert.DoesNotContain("00:00:00:00:00:02 -> 00:00:00:00:00:03", ex.Status.Detail);

        // A waypoint that needs the only remaining route twice: h1 -> h2 through s3 with s1-s4 avoided.
        var loop = await Rejected(h, WithIntents("loop", Via("3", src: H1, dst: H2), Avoid("1", "4", src: H1, dst: H2)), StatusCode.FailedPrecondition);
        Assert.Contains("00:00:00:00:00:01 -> 00:00:00:00:00:02 (avoid 0000000000000001:* - 0000000000000004:*, via 0000000000000003", loop.Status.Detail);
    }

    [Fact]
    public async Task Two_waypoints_for_one_known_pair_across_policies_are_refused()
    {
        using var h = new IntentHarness();
        await Apply(h, WithIntents("a", Via("3", src: "10.0.0.1")));
        var ex = await Assert.ThrowsAsync<RpcException>(() => Apply(h, WithIntents("b", Via("4", dst: H2))));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("00:00:00:00:00:01 -> 00:00:00:00:00:02 (via 0000000000000003 from policy a intents[0], via 0000000000000004 from policy b intents[0])", ex.Status.Detail);
        Assert.Equal(["a"], h.Store.All.Select(p => p.Id));
    }

    [Fact]
    public async Task Without_ShortestPath_intents_are_a_failed_precondition_but_acl_policies_still_apply()
    {
        using var h = new IntentHarness(shortestPath: false);
        Assert.Contains("need the ShortestPath app", (await Rejected(h, WithIntents("p", Via("1")), StatusCode.FailedPrecondition)).Status.Detail);
        var acl = PolicyValidatorTests.Deny("acl", new AclMatch { EthSrc = H1 });
        Assert.Empty((await Apply(h, acl)).PathChanges);
    }

    [Fact]
    public async Task Dry_run_lists_old_and_new_hops_and_changes_nothing()
    {
        using var h = new IntentHarness();
        h.Install(1, 2);
        var flowsBefore = h.Switches.Values.Sum(s => s.Sent.Count);

        var dry = await Apply(h, WithIntents("avoid", Avoid("1", "2", src: H1, dst: H2)), dryRun: true);

        Assert.Equal(2, dry.PathChanges.Count);
        var forward = dry.PathChanges[0];
        Assert.Equal((H1, H2, IntentPathState.Planned), (forward.SrcMac, forward.DstMac, forward.State));
        Assert.Equal(["0000000000000001", "0000000000000002"], forward.OldHops.Select(x => x.Dpid));
        Assert.Equal(["0000000000000001", "0000000000000004", "0000000000000003", "0000000000000002"], forward.NewHops.Select(x => x.Dpid));
        Assert.Equal([3u, 1, 1, 1], forward.NewHops.Select(x => x.InPort));
        Assert.Equal([2u, 2, 2, 3], forward.NewHops.Select(x => x.OutPort));
        Assert.Equal((H2, H1), (dry.PathChanges[1].SrcMac, dry.PathChanges[1].DstMac));
        Assert.Empty(h.Store.All);
        Assert.Empty(h.Live.Current.All);
        Assert.Equal([1UL, 2], h.PathOf(1, 2));
        Assert.Equal(flowsBefore, h.Switches.Values.Sum(s => s.Sent.Count));
    }

    [Fact]
    public async Task Apply_moves_the_pair_confirmed_delete_moves_it_back_and_both_publish_path_rerouted()
    {
        using var h = new IntentHarness();
        h.Install(1, 2);
        h.Install(3, 4);
        using var events = h.Bus.Subscribe(100);

        var applied = await Apply(h, WithIntents("avoid", Avoid("0000000000000001", "2", src: H1, dst: H2)));

        Assert.Equal([IntentPathState.Confirmed, IntentPathState.Confirmed], applied.PathChanges.Select(c => c.State));
        Assert.Equal([1UL, 4, 3, 2], h.PathOf(1, 2));
        Assert.Equal([2UL, 3, 4, 1], h.PathOf(2, 1));
        Assert.Equal([3UL, 4], h.PathOf(3, 4)); // not selected
        Assert.All(h.Switches.Values.Where(s => s.Dpid.Value is 1 or 2 or 3 or 4), s => Assert.Contains(s.Sent, m => m is BarrierRequest));
        Assert.Equal("avoid", Assert.Single(h.Store.All).Id);
        Assert.Single(Assert.Single(h.Store.All).Intents);

        var deleted = await h.Service.DeleteAsync("avoid", CancellationToken.None);

        Assert.NotNull(deleted);
        Assert.Equal(2, deleted.PathChanges.Count);
        Assert.Equal(["0000000000000001", "0000000000000002"], deleted.PathChanges.Single(c => c.SrcMac == H1).NewHops.Select(x => x.Dpid));
        Assert.Equal([1UL, 2], h.PathOf(1, 2));
        Assert.Empty(h.Live.Current.All);
        var causes = new List<string>();
        while (events.Reader.TryRead(out var e))
        {
            if (e is PathRerouted r)
            {
                causes.Add(r.Cause);
            }
        }

        Assert.Equal(["policy avoid applied (path intents)", "policy avoid applied (path intents)", "policy avoid deleted (path intents)", "policy avoid deleted (path intents)"], causes);
        Assert.Null(await h.Service.DeleteAsync("avoid", CancellationToken.None));
    }

    [Fact]
    public async Task A_path_installed_before_its_host_address_was_learned_moves_once_the_address_is_seen()
    {
        using var h = new IntentHarness();
        Assert.True(h.Topology.HostObserved(IntentHarness.Mac(5), null, new Topology.Model.SwitchPort(new OpenFlow.DatapathId(2), new OpenFlow.PortNumber(4))));
        await Apply(h, WithIntents("via3", Via("3", src: H1, dst: "10.0.0.2")));
        h.Install(1, 2);
        Assert.Equal([1UL, 4, 3, 2], h.PathOf(1, 2));

        // Host 5 (on s2, no address so far) is then seen using 10.0.0.2: h1 -> h5 becomes selected and moves.
        h.Install(1, 5);
        Assert.Equal([1UL, 2], h.PathOf(1, 5));
        Assert.True(h.Topology.HostObserved(IntentHarness.Mac(5), null, new Topology.Model.SwitchPort(new OpenFlow.DatapathId(2), new OpenFlow.PortNumber(4)), Packets.IPv4Address.Parse("10.0.0.2")));
        Assert.Equal([1UL, 4, 3, 2], h.PathOf(1, 5));
        Assert.Equal([2UL, 3, 4, 1], h.PathOf(5, 1));
    }

    [Fact]
    public async Task Stored_intents_hold_again_after_a_restart()
    {
        string db;
        using (var first = new IntentHarness())
        {
            db = first.Database;
            await Apply(first, WithIntents("via3", Via("3", src: H1, dst: H2)));
        }

        using var second = new IntentHarness(db: db);
        Assert.Equal("via3", Assert.Single(second.Live.Current.All).PolicyId);
        second.Install(1, 2); // the first path computed after the restart
        Assert.Equal([1UL, 4, 3, 2], second.PathOf(1, 2));
        Assert.Equal([2UL, 3, 4, 1], second.PathOf(2, 1));
    }

    [Fact]
    public async Task Replacing_a_policy_swaps_its_intents_and_an_acl_only_replacement_drops_them()
    {
        using var h = new IntentHarness();
        h.Install(1, 2);
        await Apply(h, WithIntents("p", Via("3", src: H1, dst: H2)));
        Assert.Equal([1UL, 4, 3, 2], h.PathOf(1, 2));

        var aclOnly = PolicyValidatorTests.Deny("p", new AclMatch { EthSrc = "00:00:00:00:00:09" });
        var replaced = await Apply(h, aclOnly);

        Assert.Equal(2, replaced.PathChanges.Count);
        Assert.Equal([1UL, 2], h.PathOf(1, 2));
        Assert.Empty(h.Live.Current.All);
    }
}
