using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Apps.Tests.Support.Fabric;
using Sdn.Controller.Events;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Tests.ShortestPath;

/// <summary>Every single-cable failure of ring, leaf-spine and fat-tree k=4, in the fake flow tables.</summary>
public class RerouteFabricTests
{
    public static TheoryData<string> Topologies => ShortestPathFabricTests.Topologies;

    internal static (Fabric Fabric, List<FabricHost> Hosts) Ready(string name)
    {
        var (fabric, _) = ShortestPathFabricTests.Build(name);
        ShortestPathFabricTests.Converge(fabric);
        var hosts = fabric.Hosts.Values.ToList();
        AllPairsDeliver(fabric, hosts, "before any failure");
        return (fabric, hosts);
    }

    /// <summary>Every ordered pair: the frame reaches its destination exactly once and nobody else; no loops.</summary>
    internal static void AllPairsDeliver(Fabric fabric, List<FabricHost> hosts, string when)
    {
        foreach (var h in hosts)
        {
            h.Received.Clear();
        }

        ushort tag = 1;
        foreach (var src in hosts)
        {
            foreach (var dst in hosts.Where(h => h != src))
            {
                var frame = Fabric.Unicast(src, dst, tag++);
                fabric.Send(src, frame);
                var got = dst.Received.Count(f => f.AsSpan().SequenceEqual(frame));
                Assert.True(got == 1, $"{when}: {src} -> {dst} arrived {got} times");
                Assert.All(hosts.Where(h => h != dst), h => Assert.DoesNotContain(h.Received, f => f.AsSpan().SequenceEqual(frame)));
            }
        }

        Assert.Equal(0, fabric.Loops);
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Controller_repairs_every_single_cable_failure_and_leaves_nothing_stale_after_restore(string name)
    {
        var (fabric, hosts) = Ready(name);
        using var _ = fabric;
        var app = fabric.App<ShortestPathApp>();
        using var events = fabric.Bus.Subscribe(100_000);
        foreach (var (dpid, port) in fabric.Cables.ToList())
        {
            fabric.CutCable(dpid, port);
            Assert.DoesNotContain(app.Paths, p => p.Links.Any(l => l.Source == new Topology.Model.SwitchPort(dpid, port) || l.Destination == new Topology.Model.SwitchPort(dpid, port)));
            AllPairsDeliver(fabric, hosts, $"after cutting {dpid}:{port}");
            fabric.RestoreCable(dpid, port);
            fabric.Advance(TimeSpan.FromSeconds(1.5)); // LLDP rediscovers the cable (after the hold-down)
            AllPairsDeliver(fabric, hosts, $"after restoring {dpid}:{port}");
            AssertNothingStale(fabric, app);
        }

        var rerouted = new List<PathRerouted>();
        while (events.Reader.TryRead(out var e))
        {
            if (e is PathRerouted r)
            {
                rerouted.Add(r);
            }
        }

        Assert.NotEmpty(rerouted);
        Assert.All(rerouted, r => Assert.True(r.RepairMs >= 0 && r.NewHops.Count > 0 && r.Cause.StartsWith("link down", StringComparison.Ordinal)));
        Assert.Equal(rerouted.Count, app.Convergence.Read().Count);
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Fast_failover_alone_keeps_every_pair_connected_when_the_controller_hears_nothing(string name)
    {
        var (fabric, hosts) = Ready(name);
        using var _ = fabric;
        var app = fabric.App<ShortestPathApp>();
        Assert.All(app.Paths.Where(p => p.Path.HopCount > 0), p => Assert.NotEmpty(p.Groups)); // same-switch pairs cross no cable
        foreach (var (dpid, port) in fabric.Cables.ToList())
        {
            fabric.CutCableSilently(dpid, port);
            AllPairsDeliver(fabric, hosts, $"with {dpid}:{port} silently cut");
            RestorePorts(fabric, dpid, port);
        }
    }

    [Fact]
    public void Fast_failover_groups_watch_the_primary_port_first_and_the_detour_second()
    {
        var (fabric, _) = Ready("ring4");
        using var _f = fabric;
        var app = fabric.App<ShortestPathApp>();
        foreach (var path in app.Paths)
        {
            foreach (var (dpid, groupId) in path.Groups)
            {
                var group = fabric.Switches[dpid].Groups[groupId];
                Assert.Equal(GroupType.FastFailover, group.GroupType);
                Assert.Equal(2, group.Buckets.Count);
                var hop = path.Hops.Single(h => h.Switch == dpid);
                Assert.Equal(hop.OutPort, group.Buckets[0].WatchPort);
                Assert.Equal(hop.OutPort, Assert.IsType<OutputAction>(group.Buckets[0].Actions.Single()).Port);
                Assert.NotEqual(hop.OutPort, group.Buckets[1].WatchPort);
                var backup = Assert.IsType<OutputAction>(group.Buckets[1].Actions.Single()).Port;
                Assert.True(backup == group.Buckets[1].WatchPort || (backup == PortNumber.InPort && group.Buckets[1].WatchPort == hop.InPort));
            }
        }
    }

    [Fact]
    public void Fast_failover_off_installs_no_groups()
    {
        var (fabric, _) = ShortestPathFabricTests.Build("ring4", settings: new Dictionary<string, string?> { ["ShortestPath:FastFailover"] = "false" });
        using var _f = fabric;
        ShortestPathFabricTests.Converge(fabric);
        var hosts = fabric.Hosts.Values.ToList();
        var frame = Fabric.Unicast(hosts[0], hosts[2], 1);
        fabric.Send(hosts[0], frame);
        Assert.Single(hosts[2].Received, f => f.AsSpan().SequenceEqual(frame));
        Assert.All(fabric.Switches.Values, s => Assert.Empty(s.Groups));
        Assert.All(fabric.App<ShortestPathApp>().Paths, p => Assert.Empty(p.Groups));
    }

    internal static void RestorePorts(Fabric fabric, DatapathId dpid, PortNumber port)
    {
        // CutCableSilently took both ends down; bring the far end back too (still without PORT_STATUS).
        foreach (var sw in fabric.Switches.Values)
        {
            foreach (var p in sw.Ports.Values.Where(p => !p.IsUp).ToList())
            {
                sw.AddPort(p.PortNo.Value);
            }
        }

        Assert.All(fabric.Switches.Values, s => Assert.All(s.Ports.Values, p => Assert.True(p.IsUp, $"{dpid}:{port}")));
    }

    /// <summary>Every path flow and group on the switches belongs to a path the controller believes installed.</summary>
    private static void AssertNothingStale(Fabric fabric, ShortestPathApp app)
    {
        var cookies = app.Paths.Select(p => p.Cookie).ToHashSet();
        var groups = app.Paths.SelectMany(p => p.Groups).ToHashSet();
        foreach (var sw in fabric.Switches.Values)
        {
            foreach (var flow in sw.Flows.Where(f => f.Cookie >> 56 == ShortestPathApp.CookieId && (f.Cookie & 0x00ff_ffff_ffff_ffffUL) != 0))
            {
                Assert.Contains(flow.Cookie, cookies);
            }

            foreach (var id in sw.Groups.Keys)
            {
                Assert.Contains((sw.Dpid, id), groups);
            }

            foreach (var flow in sw.Flows)
            {
                foreach (var g in flow.Instructions.OfType<ApplyActionsInstruction>().SelectMany(i => i.Actions).OfType<GroupAction>())
                {
                    Assert.True(sw.Groups.ContainsKey(g.Group));
                }
            }
        }
    }
}
