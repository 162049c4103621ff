using Sdn.Controller.Apps.Hub;
using Sdn.Controller.Apps.Tests.Support;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using static Sdn.Controller.Apps.Tests.Support.Frames;

namespace Sdn.Controller.Apps.Tests;

public class HubAppTests
{
    private readonly HubApp _app = new();
    private readonly RecordingSwitch _sw = new();

    [Fact]
    public void Switch_up_installs_the_table_miss_entry()
    {
        _app.OnSwitchUp(_sw);
        var flow = Assert.IsType<FlowMod>(Assert.Single(_sw.Sent));
        Assert.Equal(0, flow.Priority);
        Assert.Empty(flow.Match.Fields);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new OutputAction(PortNumber.Controller, 0xffff), Assert.Single(apply.Actions));
    }

    [Fact]
    public void Every_packet_in_is_flooded_and_nothing_is_learned()
    {
        _app.OnSwitchUp(_sw);
        _sw.Take();
        var a = Ethernet(Mac(2), Mac(1), Ipv4);
        var b = Ethernet(Mac(1), Mac(2), Ipv4);

        _app.OnPacketIn(_sw, PacketIn(1, a).View());
        _app.OnPacketIn(_sw, PacketIn(2, b).View());
        _app.OnPacketIn(_sw, PacketIn(1, a).View());

        Assert.Equal(3, _sw.Sent.Count);
        Assert.All(_sw.Sent, m =>
        {
            var po = Assert.IsType<PacketOut>(m);
            Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single(po.Actions)).Port);
            Assert.Equal(BufferId.NoBuffer, po.BufferId);
        });
        Assert.Equal([1u, 2u, 1u], _sw.Sent.Cast<PacketOut>().Select(p => p.InPort.Value).ToArray());
        Assert.Equal(a, ((PacketOut)_sw.Sent[0]).Data.ToArray());
        Assert.Equal(b, ((PacketOut)_sw.Sent[1]).Data.ToArray());
    }

    [Fact]
    public void A_buffered_packet_is_flooded_by_buffer_id_without_data()
    {
        _app.OnPacketIn(_sw, PacketIn(3, Ethernet(Mac(2), Mac(1), Ipv4), new BufferId(5)).View());
        var po = Assert.IsType<PacketOut>(Assert.Single(_sw.Sent));
        Assert.Equal(new BufferId(5), po.BufferId);
        Assert.Equal(new PortNumber(3), po.InPort);
        Assert.Empty(po.Data);
    }

    [Fact]
    public void Even_lldp_and_runt_frames_are_flooded()
    {
        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(Mac(0x0e), Mac(1), Lldp)).View());
        _app.OnPacketIn(_sw, PacketIn(1, [1, 2, 3]).View());
        Assert.Equal(2, _sw.Sent.OfType<PacketOut>().Count());
    }
}
