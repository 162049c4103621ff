using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Apps.Tests.Support.Fabric;
using Sdn.Controller.Topology.Model;

namespace Sdn.Controller.Apps.Tests.ShortestPath;

/// <summary>
/// A frame that reaches the controller from a switch-to-switch cable (in flight while its path was replaced, or at a
/// switch that lost its flow) must not move the pair's path to start at that switch: that deleted the real ingress
/// flows, and the next frames at the ingress installed yet another path (churn seen on real OVS during link cuts).
/// </summary>
public class StragglerFabricTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void A_packet_in_from_a_transit_cable_keeps_the_pairs_path_at_its_real_ingress(bool onPath, bool afterInFlight)
    {
        var (fabric, hosts) = RerouteFabricTests.Ready("ring4");
        using var _ = fabric;
        var app = fabric.App<ShortestPathApp>();
        var (src, dst) = (hosts[0], hosts[2]);
        var path = app.PathOf(src.Mac, dst.Mac)!;
        Assert.True(path.Path.HopCount > 0);
        if (afterInFlight)
        {
            fabric.Advance(TimeSpan.FromSeconds(2));
        }

        // Where the straggler shows up: the second switch of the path (on its in port), or a switch off the path.
        var at = onPath
            ? new SwitchPort(path.Hops[1].Switch, path.Hops[1].InPort)
            : fabric.Topology.Current.Links.Select(l => l.Source).First(s => !path.Switches.Contains(s.Dpid));
        var sw = fabric.Switches[at.Dpid];
        sw.Flows.RemoveAll(f => f.Cookie == path.Cookie); // its flow was deleted while the frame was on the cable
        var frame = Fabric.Unicast(src, dst, 77);
        fabric.Enqueue(() => sw.Receive(at.Port, frame, 0));
        fabric.Run();

        var now = app.PathOf(src.Mac, dst.Mac);
        Assert.NotNull(now);
        Assert.Equal(path.From, now.From);
        Assert.Equal(path.Path.Switches, now.Path.Switches);

        dst.Received.Clear();
        var next = Fabric.Unicast(src, dst, 78);
        fabric.Send(src, next);
        Assert.Single(dst.Received, f => f.AsSpan().SequenceEqual(next));
        Assert.Equal(0, fabric.Loops);
    }
}
