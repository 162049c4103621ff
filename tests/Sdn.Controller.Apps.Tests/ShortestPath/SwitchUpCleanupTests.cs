using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Apps.Tests.Support.Fabric;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Tests.ShortestPath;

public class SwitchUpCleanupTests
{
    [Fact]
    public void Reconnecting_switch_loses_stale_path_flows_and_groups_before_new_ones_arrive()
    {
        var (fabric, _) = ShortestPathFabricTests.Build("ring4");
        using var _f = fabric;
        ShortestPathFabricTests.Converge(fabric);
        var hosts = fabric.Hosts.Values.ToList();
        fabric.Send(hosts[0], Fabric.Unicast(hosts[0], hosts[2], 1));
        var s1 = fabric.Switches[new DatapathId(1)];
        Assert.NotEmpty(s1.Groups);

        // What an earlier controller run leaves behind: a group with a taken id and a path flow with a colliding cookie.
        s1.Groups[new GroupId(999)] = new GroupMod(GroupModCommand.Add, GroupType.FastFailover, new GroupId(999), ValueArray<Bucket>.Empty);
        var app = fabric.App<ShortestPathApp>();
        var views = fabric.Dispatcher.CreateViews(s1);
        fabric.Dispatcher.SwitchUp(views);
        fabric.Run();

        Assert.Empty(s1.Groups);
        Assert.DoesNotContain(s1.Flows, f => f.Cookie >> 56 == ShortestPathApp.CookieId && (f.Cookie & 0x00ff_ffff_ffff_ffffUL) != 0);
        Assert.Contains(s1.Flows, f => f.Priority == 0); // table-miss reinstalled
        Assert.NotEmpty(app.FloodRulesOf(s1.Dpid));
    }
}
