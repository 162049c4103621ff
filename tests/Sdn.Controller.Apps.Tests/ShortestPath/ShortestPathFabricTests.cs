using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Apps.Tests.Support.Fabric;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Apps.Tests.ShortestPath;

public class ShortestPathFabricTests
{
    public static TheoryData<string> Topologies => ["ring4", "leafspine2x4", "fattree4"];

    /// <summary>Builds the named topology with hosts: ring of 4 (1 host each), leaf-spine 2x4 (2 per leaf), fat-tree k=4 (2 per edge switch).</summary>
    internal static (Fabric Fabric, PathGraph Graph) Build(string name, string app = "ShortestPath", IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var graph = name switch
        {
            "ring4" => RingTopology.Create(4),
            "leafspine2x4" => LeafSpineTopology.Create(2, 4),
            "fattree4" => FatTreeTopology.Create(4),
            _ => throw new ArgumentException(name),
        };
        var fabric = Fabric.From(graph, app, settings, configure);
        IEnumerable<(DatapathId Dpid, int Hosts)> hosts = name switch
        {
            "ring4" => graph.Switches.Select(s => (s, 1)),
            "leafspine2x4" => Enumerable.Range(0, 4).Select(l => (LeafSpineTopology.Leaf(l), 2)),
            _ => Enumerable.Range(0, 4).SelectMany(p => Enumerable.Range(0, 2).Select(i => (FatTreeTopology.Edge(p, i), 2))),
        };
        foreach (var (dpid, count) in hosts)
        {
            for (var i = 0; i < count; i++)
            {
                fabric.AttachHost(dpid);
            }
        }

        return (fabric, graph);
    }

    /// <summary>Starts the fabric, waits out the edge-port grace and announces every host.</summary>
    internal static void Converge(Fabric fabric)
    {
        fabric.Start();
        fabric.Advance(TimeSpan.FromSeconds(2.5));
        fabric.AnnounceHosts();
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Discovered_links_equal_the_topology_in_both_directions(string name)
    {
        var (fabric, graph) = Build(name);
        using var _ = fabric;
        fabric.Start();
        var expected = graph.Links.Select(l => new Link(new SwitchPort(l.Source, l.SourcePort), new SwitchPort(l.Target, l.TargetPort))).Order().ToList();
        Assert.Equal(expected, fabric.Topology.Current.Links.ToList());
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Broadcast_reaches_every_other_host_exactly_once_and_never_loops(string name)
    {
        var (fabric, _) = Build(name);
        using var _f = fabric;
        Converge(fabric);
        var hosts = fabric.Hosts.Values.ToList();
        Assert.Equal(hosts.Count, fabric.Topology.Current.Hosts.Count);
        foreach (var host in hosts)
        {
            host.Received.RemoveAll(f => f[12] == 0x88 && f[13] == 0xcc); // LLDP probes reach hosts too, as on real links
            // every other host's gratuitous ARP, once each
            Assert.Equal(hosts.Count - 1, host.Received.Count);
            Assert.Equal(hosts.Where(h => h != host).Select(h => h.Mac.Value).Order(), host.Received.Select(f => MacAddress.Read(f.AsSpan(6)).Value).Order());
        }

        Assert.Equal(0, fabric.Loops);
        Assert.Equal(hosts.Count, fabric.DataPacketIns); // one per broadcast, at the ingress edge port
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Every_host_pair_reaches_its_destination_once_along_a_shortest_path(string name)
    {
        var (fabric, graph) = Build(name);
        using var _f = fabric;
        Converge(fabric);
        var app = fabric.App<ShortestPathApp>();
        var hosts = fabric.Hosts.Values.ToList();
        foreach (var h in hosts)
        {
            h.Received.Clear();
        }

        var packetInsBefore = fabric.DataPacketIns;
        ushort tag = 1000;
        foreach (var src in hosts)
        {
            foreach (var dst in hosts.Where(h => h != src))
            {
                var frame = Fabric.Unicast(src, dst, tag++);
                fabric.Send(src, frame);
                Assert.Equal(frame, Assert.Single(dst.Received));
                Assert.All(hosts.Where(h => h != dst), h => Assert.Empty(h.Received));
                dst.Received.Clear();

                var path = app.PathOf(src.Mac, dst.Mac);
                Assert.NotNull(path);
                var expected = graph.ShortestPath(src.Location.Dpid, dst.Location.Dpid);
                Assert.NotNull(expected);
                Assert.Equal(expected.HopCount, path.Path.HopCount);
                AssertFlowsFollow(fabric, path);
            }
        }

        Assert.Equal(0, fabric.Loops);
        // one packet-in per unordered pair: the first direction installs both
        var pairs = hosts.Count * (hosts.Count - 1) / 2;
        Assert.Equal(pairs, fabric.DataPacketIns - packetInsBefore);
    }

    /// <summary>
    /// Every switch of the path holds the pair's primary flow (eth_dst + eth_src, no in_port) with the path's cookie,
    /// sending to the hop's out port directly or through a fast-failover group whose first bucket does.
    /// </summary>
    internal static void AssertFlowsFollow(Fabric fabric, InstalledPath path)
    {
        var primaryMatch = new Match([OxmField.EthDst(path.Pair.Destination), OxmField.EthSrc(path.Pair.Source)]);
        foreach (var hop in path.Hops)
        {
            var sw = fabric.Switches[hop.Switch];
            var flow = Assert.Single(sw.Flows, f => f.Cookie == path.Cookie && f.Match == primaryMatch);
            var action = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions)).Actions.Single();
            var output = action is GroupAction g
                ? Assert.IsType<OutputAction>(sw.Groups[g.Group].Buckets[0].Actions.Single())
                : Assert.IsType<OutputAction>(action);
            Assert.Equal(hop.OutPort, output.Port);
        }
    }
}
