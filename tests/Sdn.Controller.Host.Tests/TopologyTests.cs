using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary>LLDP discovery over TCP with emulated switches: on by default, links from probes, gone on disconnect.</summary>
public sealed class TopologyTests
{
    [Fact]
    public async Task Probes_from_one_switch_delivered_to_another_become_a_link_which_goes_with_the_switch()
    {
        await using var controller = await TestController.StartAsync(["--Topology:Enabled=true", "--Topology:ProbeInterval=30"]);
        var s1 = await controller.ConnectReadyAsync(1);
        var s2 = await controller.ConnectReadyAsync(2);
        var topology = controller.App.Services.GetRequiredService<TopologyService>();

        // Each switch gets the LLDP -> controller flow and one probe per live port (3 ports each).
        var lldpFlow = await s1.WaitForAsync<FlowMod>(f => f.Match == new Match([OxmField.EthType(0x88cc)]), fromStart: true);
        Assert.Equal(0x0100_0000_0000_0000UL, lldpFlow.Cookie);
        var probes = await s1.WaitForCountAsync<PacketOut>(3);
        var fromPort2 = probes.Single(p => ((OutputAction)p.Actions.Single()).Port == new PortNumber(2));

        // s1's probe out of port 2 arrives at s2 port 1.
        await s2.SendAsync(new PacketIn(BufferId.NoBuffer, (ushort)fromPort2.Data.Count, PacketInReason.Action, 0, 0,
            new Match([OxmField.InPort(new PortNumber(1))]), fromPort2.Data) { Xid = s2.NextXid() });
        var link = new Link(new SwitchPort(new DatapathId(1), new PortNumber(2)), new SwitchPort(new DatapathId(2), new PortNumber(1)));
        Assert.True(await Eventually(() => topology.Current.Links.Contains(link)), "link never appeared");

        await s1.DisposeAsync();
        Assert.True(await Eventually(() => topology.Current.Links.Count == 0 && !topology.Current.Switches.ContainsKey(new DatapathId(1))), "link outlived its switch");
        Assert.True(topology.Current.Switches.ContainsKey(new DatapathId(2)));
    }

    [Fact]
    public async Task Topology_off_sends_no_probes()
    {
        await using var controller = await TestController.StartAsync(["--Topology:Enabled=false"]);
        var s1 = await controller.ConnectReadyAsync(1);
        await s1.EchoAsync(); // everything the controller sent after the handshake has arrived
        Assert.Empty(s1.ReceivedOf<PacketOut>());
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
