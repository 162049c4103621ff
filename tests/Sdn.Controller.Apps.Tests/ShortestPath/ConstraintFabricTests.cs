using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Apps.Tests.Support.Fabric;
using Sdn.Controller.Events;
using Sdn.Controller.Topology.Graph.Generators;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;

namespace Sdn.Controller.Apps.Tests.ShortestPath;

/// <summary>
/// Path constraints (what path intents feed ShortestPath) in the fake flow tables: avoided cables, waypoints, back to
/// shortest, unreachable pairs. Ring of 4: switch i+1's port 1 goes to switch i+2's port 2, host hN on switch N.
/// </summary>
public class ConstraintFabricTests
{
    private static readonly DatapathId S1 = RingTopology.Switch(0), S2 = RingTopology.Switch(1), S3 = RingTopology.Switch(2), S4 = RingTopology.Switch(3);

    /// <summary>A provider the test switches by hand.</summary>
    private sealed class Rules : IPathConstraintProvider
    {
        public Func<HostPair, PathConstraint> Rule { get; set; } = _ => PathConstraint.None;

        public PathConstraint For(HostPair pair, TopologySnapshot snapshot) => Rule(pair);
    }

    private static (Fabric Fabric, List<FabricHost> Hosts, Rules Rules) Ready(string name, bool fastFailover = true)
    {
        var rules = new Rules();
        var (fabric, _) = ShortestPathFabricTests.Build(name,
            settings: new Dictionary<string, string?> { ["ShortestPath:FastFailover"] = fastFailover ? "true" : "false" },
            configure: s => s.AddSingleton<IPathConstraintProvider>(rules));
        ShortestPathFabricTests.Converge(fabric);
        var hosts = fabric.Hosts.Values.ToList();
        RerouteFabricTests.AllPairsDeliver(fabric, hosts, "before any constraint");
        return (fabric, hosts, rules);
    }

    private static PathConstraint Avoid(DatapathId a, DatapathId b) => new([new AvoidedLink(a, null, b, null)], null, ["test"]);

    private static PathConstraint Via(DatapathId w) => new([], w, ["test"]);

    private static bool Between(HostPair pair, FabricHost a, FabricHost b) =>
        (pair.Source == a.Mac && pair.Destination == b.Mac) || (pair.Source == b.Mac && pair.Destination == a.Mac);

    /// <summary>Sends one frame and returns the switches it crossed, in order.</summary>
    private static List<DatapathId> Walk(Fabric fabric, FabricHost from, FabricHost to, ushort tag)
    {
        var frame = Fabric.Unicast(from, to, tag);
        fabric.Trace.Clear();
        to.Received.Clear();
        fabric.Send(from, frame);
        Assert.Single(to.Received, f => f.AsSpan().SequenceEqual(frame));
        return [.. fabric.Trace.Where(t => t.Frame.AsSpan().SequenceEqual(frame)).Select(t => t.Switch)];
    }

    private static IReadOnlyList<ConstraintMove> Change(Fabric fabric, Action change, string cause = "test intents")
    {
        var task = fabric.App<ShortestPathApp>().ChangeConstraintsAsync(change, cause);
        Assert.True(task.IsCompleted); // the fake switches confirm barriers at once
        fabric.Run();
        return task.Result;
    }

    /// <summary>No flow or group bucket of <paramref name="path"/> sends out of either end of the a-b cable.</summary>
    private static void AssertNeverOutputs(Fabric fabric, InstalledPath path, DatapathId a, DatapathId b)
    {
        var cablePorts = fabric.Topology.Current.Links.Where(l => (l.Source.Dpid == a && l.Destination.Dpid == b) || (l.Source.Dpid == b && l.Destination.Dpid == a)).Select(l => l.Source).ToHashSet();
        Assert.NotEmpty(cablePorts);
        foreach (var sw in fabric.Switches.Values)
        {
            foreach (var flow in sw.Flows.Where(f => f.Cookie == path.Cookie))
            {
                foreach (var action in flow.Instructions.OfType<ApplyActionsInstruction>().SelectMany(i => i.Actions))
                {
                    var outputs = action is GroupAction g ? sw.Groups[g.Group].Buckets.SelectMany(bk => bk.Actions).OfType<OutputAction>() : [Assert.IsType<OutputAction>(action)];
                    Assert.All(outputs, o => Assert.DoesNotContain(new SwitchPort(sw.Dpid, o.Port), cablePorts));
                }
            }
        }
    }

    [Fact]
    public void Avoided_cable_moves_the_pair_the_other_way_round_the_ring_primary_and_backups()
    {
        var (fabric, hosts, rules) = Ready("ring4");
        using var _ = fabric;
        var (h1, h2, h3, h4) = (hosts[0], hosts[1], hosts[2], hosts[3]);
        Assert.Equal([S1, S2], Walk(fabric, h1, h2, 1));
        using var events = fabric.Bus.Subscribe(1000);

        var moves = Change(fabric, () => rules.Rule = p => Between(p, h1, h2) ? Avoid(S1, S2) : PathConstraint.None);

        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.Equal(ConstraintMoveOutcome.Rerouted, m.Outcome));
        Assert.Equal([S1, S4, S3, S2], Walk(fabric, h1, h2, 2));
        Assert.Equal([S2, S3, S4, S1], Walk(fabric, h2, h1, 3));
        Assert.Equal([S3, S4], Walk(fabric, h3, h4, 4)); // unconstrained pairs stay put
        var app = fabric.App<ShortestPathApp>();
        AssertNeverOutputs(fabric, app.PathOf(h1.Mac, h2.Mac)!, S1, S2);
        AssertNeverOutputs(fabric, app.PathOf(h2.Mac, h1.Mac)!, S1, S2);
        RerouteFabricTests.AllPairsDeliver(fabric, hosts, "avoiding s1-s2 for h1-h2");

        var rerouted = new List<PathRerouted>();
        while (events.Reader.TryRead(out var e))
        {
            if (e is PathRerouted r)
            {
                rerouted.Add(r);
            }
        }

        Assert.Equal(2, rerouted.Count);
        Assert.All(rerouted, r => Assert.Equal("test intents", r.Cause));
        Assert.Equal(0, app.Convergence.Read().Count); // not a failure repair

        // The cable can now fail silently without touching h1-h2 (nothing of theirs uses it, not even a backup).
        fabric.CutCableSilently(S1, new PortNumber(1));
        Assert.Equal([S1, S4, S3, S2], Walk(fabric, h1, h2, 5));
        Assert.Equal(0, fabric.Loops);
    }

    [Fact]
    public void Removing_the_constraint_moves_the_pair_back_to_the_shortest_path()
    {
        var (fabric, hosts, rules) = Ready("ring4");
        using var _ = fabric;
        var (h1, h2) = (hosts[0], hosts[1]);
        Change(fabric, () => rules.Rule = p => Between(p, h1, h2) ? Avoid(S1, S2) : PathConstraint.None);
        Assert.Equal([S1, S4, S3, S2], Walk(fabric, h1, h2, 1));

        var moves = Change(fabric, () => rules.Rule = _ => PathConstraint.None);

        Assert.Equal(2, moves.Count);
        Assert.Equal([S1, S2], Walk(fabric, h1, h2, 2));
        Assert.Equal([S2, S1], Walk(fabric, h2, h1, 3));
        RerouteFabricTests.AllPairsDeliver(fabric, hosts, "after removing the constraint");
        var cookies = fabric.App<ShortestPathApp>().Paths.Select(p => p.Cookie).ToHashSet();
        Assert.All(fabric.Switches.Values.SelectMany(s => s.Flows).Where(f => f.Cookie >> 56 == ShortestPathApp.CookieId && (f.Cookie & 0x00ff_ffff_ffff_ffffUL) != 0),
            f => Assert.Contains(f.Cookie, cookies)); // the intent's flows are gone
    }

    [Fact]
    public void Waypoint_on_the_far_side_gives_a_loop_free_path_through_it()
    {
        var (fabric, hosts, rules) = Ready("ring4");
        using var _ = fabric;
        var (h1, h2) = (hosts[0], hosts[1]);

        // 1 → 3 → 2: the concatenation 1-2-3-2 would cross s2 twice; the loop-free way is 1-4-3-2.
        var moves = Change(fabric, () => rules.Rule = p => Between(p, h1, h2) ? Via(S3) : PathConstraint.None);

        Assert.Equal(2, moves.Count);
        Assert.Equal([S1, S4, S3, S2], Walk(fabric, h1, h2, 1));
        Assert.Equal([S2, S3, S4, S1], Walk(fabric, h2, h1, 2));
        RerouteFabricTests.AllPairsDeliver(fabric, hosts, "with waypoint s3 for h1-h2");
    }

    [Fact]
    public void Waypoint_spine_carries_every_pair_between_leaves_and_backups_keep_it()
    {
        var (fabric, hosts, rules) = Ready("leafspine2x4");
        using var _ = fabric;
        var spine2 = LeafSpineTopology.Spine(1);
        Change(fabric, () => rules.Rule = _ => Via(spine2));

        ushort tag = 1;
        foreach (var src in hosts)
        {
            foreach (var dst in hosts.Where(d => d != src))
            {
                var walk = Walk(fabric, src, dst, tag++);
                Assert.Equal(walk.Count, walk.Distinct().Count()); // no switch twice
                if (src.Location.Dpid != dst.Location.Dpid)
                {
                    Assert.Equal([src.Location.Dpid, spine2, dst.Location.Dpid], walk);
                }
                else
                {
                    Assert.Equal([src.Location.Dpid], walk); // same leaf: never leaves it
                }
            }
        }

        // Cut leaf1-spine2 silently: the fast-failover detour may not simply go leaf1-spine1-leaf2 (that skips the
        // waypoint); it goes through spine1 and another leaf to spine2, loop-free.
        var leaf1 = LeafSpineTopology.Leaf(0);
        fabric.CutCableSilently(leaf1, new PortNumber(2));
        var fromLeaf1 = hosts.First(h => h.Location.Dpid == leaf1);
        var elsewhere = hosts.First(h => h.Location.Dpid == LeafSpineTopology.Leaf(1));
        var walk2 = Walk(fabric, fromLeaf1, elsewhere, 999);
        Assert.Equal(5, walk2.Count);
        Assert.Equal([leaf1, LeafSpineTopology.Spine(0)], walk2.Take(2));
        Assert.Equal([spine2, elsewhere.Location.Dpid], walk2.Skip(3));
        Assert.Equal(walk2.Count, walk2.Distinct().Count());
        Assert.Equal(0, fabric.Loops);
    }

    [Fact]
    public void Avoided_spine_link_moves_only_the_selected_leaf_and_every_pair_still_delivers()
    {
        var (fabric, hosts, rules) = Ready("leafspine2x4");
        using var _ = fabric;
        var (leaf1, spine1, spine2) = (LeafSpineTopology.Leaf(0), LeafSpineTopology.Spine(0), LeafSpineTopology.Spine(1));
        Change(fabric, () => rules.Rule = _ => Avoid(leaf1, spine1));

        RerouteFabricTests.AllPairsDeliver(fabric, hosts, "avoiding leaf1-spine1");
        var app = fabric.App<ShortestPathApp>();
        Assert.All(app.Paths, p => Assert.DoesNotContain(p.Links, l => (l.Source.Dpid == leaf1 && l.Destination.Dpid == spine1) || (l.Source.Dpid == spine1 && l.Destination.Dpid == leaf1)));
        Assert.All(app.Paths.Where(p => p.Switches.Contains(leaf1) && p.Switches.Count > 1), p => Assert.Contains(spine2, p.Switches));
        Assert.Contains(app.Paths, p => p.Switches.Contains(spine1)); // the other leaves still use spine1
    }

    [Fact]
    public void Preview_lists_old_and_new_hops_and_changes_nothing()
    {
        var (fabric, hosts, rules) = Ready("ring4");
        using var _ = fabric;
        var (h1, h2) = (hosts[0], hosts[1]);
        var app = fabric.App<ShortestPathApp>();
        var before = app.Paths.Select(p => p.Cookie).Order().ToList();
        var candidate = new Rules { Rule = p => Between(p, h1, h2) ? Avoid(S1, S2) : PathConstraint.None };

        var preview = app.PreviewConstraints(candidate);

        Assert.Empty(preview.Unreachable);
        var change = Assert.Single(preview.Changes, c => c.Pair == new HostPair(h1.Mac, h2.Mac));
        Assert.Equal([S1, S2], change.OldHops.Select(h => h.Switch));
        Assert.Equal([S1, S4, S3, S2], change.NewHops!.Select(h => h.Switch));
        Assert.Equal(2, preview.Changes.Count);
        Assert.Equal(before, app.Paths.Select(p => p.Cookie).Order().ToList());
        Assert.Equal([S1, S2], Walk(fabric, h1, h2, 1));
        Assert.Same(PathConstraint.None, rules.Rule(new HostPair(h1.Mac, h2.Mac)));
    }

    [Fact]
    public void Constraints_that_cut_a_pair_off_are_previewed_as_unreachable_and_applied_as_unreachable()
    {
        var (fabric, hosts, rules) = Ready("ring4");
        using var _ = fabric;
        var (h1, h2) = (hosts[0], hosts[1]);
        var app = fabric.App<ShortestPathApp>();
        var both = new PathConstraint([new AvoidedLink(S1, null, S2, null), new AvoidedLink(S4, null, S1, null)], null, ["test"]);
        var candidate = new Rules { Rule = p => Between(p, h1, h2) ? both : PathConstraint.None };

        var preview = app.PreviewConstraints(candidate);
        Assert.Equal([new HostPair(h1.Mac, h2.Mac), new HostPair(h2.Mac, h1.Mac)], preview.Unreachable.Select(u => u.Pair).OrderBy(p => p.Source.Value));
        Assert.All(preview.Changes, c => Assert.Null(c.NewHops));

        using var events = fabric.Bus.Subscribe(1000);
        var moves = Change(fabric, () => rules.Rule = candidate.Rule);
        Assert.All(moves, m => Assert.Equal(ConstraintMoveOutcome.Unreachable, m.Outcome));
        Assert.Null(app.PathOf(h1.Mac, h2.Mac));
        Assert.True(events.Reader.TryRead(out var e) && e is PathUnreachable);

        // A new packet for the pair installs nothing (the constraint holds on the packet-in path too) and never loops.
        h2.Received.Clear();
        fabric.Send(h1, Fabric.Unicast(h1, h2, 7));
        Assert.Empty(h2.Received);
        Assert.Null(app.PathOf(h1.Mac, h2.Mac));
        Assert.Equal(0, fabric.Loops);
    }

    [Fact]
    public void Paths_computed_after_the_change_follow_it_and_so_does_failure_repair()
    {
        var rules = new Rules();
        var (fabric, _) = ShortestPathFabricTests.Build("ring4", configure: s => s.AddSingleton<IPathConstraintProvider>(rules));
        using var _f = fabric;
        ShortestPathFabricTests.Converge(fabric);
        var hosts = fabric.Hosts.Values.ToList();
        var (h1, h3) = (hosts[0], hosts[2]);
        rules.Rule = p => Between(p, h1, h3) ? Via(S4) : PathConstraint.None; // before any path exists

        Assert.Equal([S1, S4, S3], Walk(fabric, h1, h3, 1)); // the tie-break alone would take 1-2-3
        fabric.CutCable(S3, new PortNumber(1)); // s3-s4: no loop-free way through s4 is left
        Assert.Null(fabric.App<ShortestPathApp>().PathOf(h1.Mac, h3.Mac));
        fabric.RestoreCable(S3, new PortNumber(1));
        fabric.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal([S1, S4, S3], Walk(fabric, h1, h3, 2));
        Assert.Equal(0, fabric.Loops);
    }
}
