using Microsoft.Extensions.Logging.Abstractions;
using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Apps.Tests.Support;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using static Sdn.Controller.Apps.Tests.Support.Frames;

namespace Sdn.Controller.Apps.Tests;

/// <summary>L2LearningApp must do what Ryu's simple_switch_13.py does, message for message.</summary>
public class L2LearningAppTests
{
    private static readonly MacAddress H1 = Mac(1), H2 = Mac(2), H3 = Mac(3);

    /// <summary>Ryu's OFPActionOutput default max_len (OFPCML_MAX).</summary>
    private const ushort OfpcmlMax = 0xffe5;

    private readonly L2LearningApp _app = new(NullLogger<L2LearningApp>.Instance);
    private readonly RecordingSwitch _sw = new(dpid: 1);

    public L2LearningAppTests()
    {
        _app.OnSwitchUp(_sw);
        _sw.Take();
    }

    private static OutputAction OnlyOutput(ValueArray<OfpAction> actions) => Assert.IsType<OutputAction>(Assert.Single(actions));

    [Fact]
    public void Switch_up_installs_the_table_miss_entry()
    {
        var sw = new RecordingSwitch(dpid: 9);
        _app.OnSwitchUp(sw);

        var flow = Assert.IsType<FlowMod>(Assert.Single(sw.Sent));
        Assert.Equal(FlowModCommand.Add, flow.Command);
        Assert.Equal(0, flow.Priority);
        Assert.Empty(flow.Match.Fields);
        Assert.Equal(0, flow.TableId);
        Assert.Equal(0, flow.IdleTimeout);
        Assert.Equal(0, flow.HardTimeout);
        Assert.Equal(BufferId.NoBuffer, flow.BufferId);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new OutputAction(PortNumber.Controller, 0xffff), OnlyOutput(apply.Actions));
        Assert.Equal(0, _app.TableOf(new DatapathId(9))!.Count);
    }

    [Fact]
    public void Unknown_destination_unbuffered_floods_with_the_data()
    {
        var frame = Ethernet(MacAddress.Broadcast, H1, Arp);
        _app.OnPacketIn(_sw, PacketIn(1, frame).View());

        var po = Assert.IsType<PacketOut>(Assert.Single(_sw.Sent));
        Assert.Equal(BufferId.NoBuffer, po.BufferId);
        Assert.Equal(new PortNumber(1), po.InPort);
        Assert.Equal(new OutputAction(PortNumber.Flood, OfpcmlMax), OnlyOutput(po.Actions));
        Assert.Equal(frame, po.Data.ToArray());
    }

    [Fact]
    public void Unknown_destination_buffered_floods_the_buffer_without_data()
    {
        var frame = Ethernet(H2, H1, Ipv4);
        _app.OnPacketIn(_sw, PacketIn(1, frame, new BufferId(0x77)).View());

        var po = Assert.IsType<PacketOut>(Assert.Single(_sw.Sent));
        Assert.Equal(new BufferId(0x77), po.BufferId);
        Assert.Equal(new PortNumber(1), po.InPort);
        Assert.Equal(PortNumber.Flood, OnlyOutput(po.Actions).Port);
        Assert.Empty(po.Data);
    }

    [Fact]
    public void Known_destination_unbuffered_installs_a_flow_then_sends_the_packet()
    {
        _app.OnPacketIn(_sw, PacketIn(2, Ethernet(MacAddress.Broadcast, H2, Arp)).View()); // learn H2 on port 2
        _sw.Take();

        var frame = Ethernet(H2, H1, Ipv4);
        _app.OnPacketIn(_sw, PacketIn(1, frame).View());

        Assert.Equal(2, _sw.Sent.Count);
        var flow = Assert.IsType<FlowMod>(_sw.Sent[0]);
        Assert.Equal(FlowModCommand.Add, flow.Command);
        Assert.Equal(1, flow.Priority);
        Assert.Equal(0, flow.IdleTimeout);
        Assert.Equal(0, flow.HardTimeout);
        Assert.Equal(0, flow.TableId);
        Assert.Equal(BufferId.NoBuffer, flow.BufferId);
        Assert.Equal(FlowModFlags.None, flow.Flags);
        // Exactly in_port, eth_dst, eth_src, in that order (Ryu sorts OXM fields by number).
        Assert.Equal([OxmField.InPort(new PortNumber(1)), OxmField.EthDst(H2), OxmField.EthSrc(H1)], flow.Match.Fields.ToArray());
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new OutputAction(new PortNumber(2), OfpcmlMax), OnlyOutput(apply.Actions));

        var po = Assert.IsType<PacketOut>(_sw.Sent[1]);
        Assert.Equal(BufferId.NoBuffer, po.BufferId);
        Assert.Equal(new PortNumber(1), po.InPort);
        Assert.Equal(new OutputAction(new PortNumber(2), OfpcmlMax), OnlyOutput(po.Actions));
        Assert.Equal(frame, po.Data.ToArray());
    }

    [Fact]
    public void Known_destination_buffered_sends_only_the_flow_mod_carrying_the_buffer()
    {
        _app.OnPacketIn(_sw, PacketIn(2, Ethernet(MacAddress.Broadcast, H2, Arp)).View());
        _sw.Take();

        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4), new BufferId(0x1234)).View());

        var flow = Assert.IsType<FlowMod>(Assert.Single(_sw.Sent));
        Assert.Equal(new BufferId(0x1234), flow.BufferId);
        Assert.Equal(1, flow.Priority);
        Assert.Equal(new PortNumber(1), flow.Match.InPort);
        Assert.Equal(H2, flow.Match.EthDst);
        Assert.Equal(H1, flow.Match.EthSrc);
    }

    [Fact]
    public void A_moved_host_is_relearned_on_its_new_port()
    {
        _app.OnPacketIn(_sw, PacketIn(2, Ethernet(MacAddress.Broadcast, H2, Arp)).View());
        _app.OnPacketIn(_sw, PacketIn(3, Ethernet(MacAddress.Broadcast, H2, Arp)).View());
        _sw.Take();

        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4)).View());
        var flow = Assert.IsType<FlowMod>(_sw.Sent[0]);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new PortNumber(3), OnlyOutput(apply.Actions).Port);
    }

    [Fact]
    public void Lldp_is_ignored_and_not_learned()
    {
        _app.OnPacketIn(_sw, PacketIn(2, Ethernet(Mac(0x0e), H2, Lldp)).View());
        Assert.Empty(_sw.Sent);
        Assert.False(_app.TableOf(_sw.Dpid)!.TryGetPort(H2, out _));

        // So a packet to H2 still floods.
        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4)).View());
        Assert.Equal(PortNumber.Flood, OnlyOutput(Assert.IsType<PacketOut>(Assert.Single(_sw.Sent)).Actions).Port);
    }

    [Fact]
    public void Vlan_tagged_lldp_is_not_lldp_at_the_outer_header()
    {
        // Ryu looks at the outer EtherType only: 0x8100 is not LLDP, so the frame is handled (flooded, learned).
        var frame = Ethernet(Mac(0x0e), H2, 0x8100);
        frame[16] = 0x88;
        frame[17] = 0xcc;
        _app.OnPacketIn(_sw, PacketIn(2, frame).View());
        Assert.IsType<PacketOut>(Assert.Single(_sw.Sent));
        Assert.True(_app.TableOf(_sw.Dpid)!.TryGetPort(H2, out var port));
        Assert.Equal(new PortNumber(2), port);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    public void A_frame_shorter_than_an_ethernet_header_is_ignored(int length)
    {
        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4)[..length]).View());
        Assert.Empty(_sw.Sent);
        Assert.Equal(0, _app.TableOf(_sw.Dpid)!.Count);
    }

    [Fact]
    public void A_header_only_frame_is_handled()
    {
        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4, payloadLength: 0)).View());
        Assert.IsType<PacketOut>(Assert.Single(_sw.Sent));
    }

    [Fact]
    public void Switch_down_then_up_forgets_learned_macs()
    {
        _app.OnPacketIn(_sw, PacketIn(2, Ethernet(MacAddress.Broadcast, H2, Arp)).View());
        _app.OnSwitchDown(_sw, "test");
        Assert.Null(_app.TableOf(_sw.Dpid));
        _app.OnSwitchUp(_sw);
        _sw.Take();

        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4)).View());
        Assert.Equal(PortNumber.Flood, OnlyOutput(Assert.IsType<PacketOut>(Assert.Single(_sw.Sent)).Actions).Port);
    }

    [Fact]
    public void Each_dpid_has_its_own_table()
    {
        var other = new RecordingSwitch(dpid: 2);
        _app.OnSwitchUp(other);
        other.Take();

        _app.OnPacketIn(_sw, PacketIn(2, Ethernet(MacAddress.Broadcast, H2, Arp)).View()); // H2 known on dpid 1 only
        _sw.Take();

        _app.OnPacketIn(other, PacketIn(1, Ethernet(H2, H3, Ipv4)).View());
        Assert.Equal(PortNumber.Flood, OnlyOutput(Assert.IsType<PacketOut>(Assert.Single(other.Sent)).Actions).Port);

        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H3, Ipv4)).View());
        Assert.IsType<FlowMod>(_sw.Sent[0]);
        Assert.True(_app.TableOf(other.Dpid)!.TryGetPort(H3, out var p3));
        Assert.Equal(new PortNumber(1), p3);
    }

    [Fact]
    public void Destination_on_the_ingress_port_still_gets_a_flow_like_ryu()
    {
        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(MacAddress.Broadcast, H2, Arp)).View());
        _sw.Take();
        _app.OnPacketIn(_sw, PacketIn(1, Ethernet(H2, H1, Ipv4)).View());

        var flow = Assert.IsType<FlowMod>(_sw.Sent[0]);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new PortNumber(1), OnlyOutput(apply.Actions).Port);
        Assert.IsType<PacketOut>(_sw.Sent[1]);
    }
}
