using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Apps.Tests.Support.Fabric;

namespace Sdn.Controller.Apps.Tests.ShortestPath;

/// <summary>Fast failover after a cable was cut and restored: the paths rerouted meanwhile get their backups back.</summary>
public class ReprotectFabricTests
{
    public static TheoryData<string> Topologies => ["ring4", "leafspine2x4"];

    [Theory]
    [MemberData(nameof(Topologies))]
    public void After_a_cut_and_restore_fast_failover_alone_again_survives_every_single_cable_failure(string name)
    {
        var (fabric, hosts) = RerouteFabricTests.Ready(name);
        using var _ = fabric;
        var app = fabric.App<ShortestPathApp>();
        var cables = fabric.Cables.ToList();
        foreach (var (dpid, port) in cables)
        {
            fabric.CutCable(dpid, port);
            RerouteFabricTests.AllPairsDeliver(fabric, hosts, $"after cutting {dpid}:{port}");
            fabric.RestoreCable(dpid, port);
            fabric.Advance(TimeSpan.FromSeconds(1.5)); // LLDP rediscovers the cable (after the hold-down)

            Assert.All(app.Paths.Where(p => p.Path.HopCount > 0), p => Assert.NotEmpty(p.Groups));
            foreach (var (silentDpid, silentPort) in cables)
            {
                fabric.CutCableSilently(silentDpid, silentPort);
                RerouteFabricTests.AllPairsDeliver(fabric, hosts, $"{dpid}:{port} cut and restored, then {silentDpid}:{silentPort} silently cut");
                RerouteFabricTests.RestorePorts(fabric, silentDpid, silentPort);
            }
        }
    }
}
