using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Topology.Discovery;
using Sdn.Controller.Topology.Events;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Tests.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;
using static Sdn.Controller.Topology.Tests.Service.TopologyFixture;

namespace Sdn.Controller.Topology.Tests.Discovery;

public class DiscoveryAppTests
{
    private readonly TopologyFixture _f = new();
    private readonly DiscoveryApp _app;

    public DiscoveryAppTests() =>
        _app = new DiscoveryApp(_f.Service, Options.Create(new TopologyOptions()), NullLogger<DiscoveryApp>.Instance);

    private static RecordingSwitch Switch(ulong dpid, params uint[] ports) => new(dpid)
    {
        Ports = ports.ToDictionary(p => new PortNumber(p), p => Port(p)),
    };

    private static PacketIn In(uint port, byte[] frame) =>
        new(BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.Action, 0, 0, new Match([OxmField.InPort(new PortNumber(port))]), frame);

    /// <summary>The LLDP frame <paramref name="sw"/> was told to send out of <paramref name="port"/>.</summary>
    private static byte[] ProbeFrom(RecordingSwitch sw, uint port) =>
        sw.Sent.OfType<PacketOut>().Single(p => p.Actions.Single() is OutputAction o && o.Port.Value == port).Data.ToArray();

    /// <summary>Switches 1 and 2, each with live ports 1 and 2, brought up (and so probed) in that order.</summary>
    private (RecordingSwitch S1, RecordingSwitch S2) TwoSwitchesUp()
    {
        var s1 = Switch(1, 1, 2);
        var s2 = Switch(2, 1, 2);
        _app.OnSwitchUp(s1);
        _app.OnSwitchUp(s2);
        return (s1, s2);
    }

    /// <summary><paramref name="sw"/> sends <paramref name="frame"/>, received on <paramref name="port"/>, to the controller.</summary>
    private void Receive(RecordingSwitch sw, uint port, byte[] frame) => _app.OnPacketIn(sw, In(port, frame).View());

    /// <summary>The probe <paramref name="from"/> sent out of <paramref name="fromPort"/> arrives at <paramref name="to"/> on <paramref name="toPort"/>.</summary>
    private void DeliverProbe(RecordingSwitch from, uint fromPort, RecordingSwitch to, uint toPort) =>
        Receive(to, toPort, ProbeFrom(from, fromPort));

    /// <summary>A cable s1:2 — s2:1, seen in both directions.</summary>
    private void DeliverBothProbes(RecordingSwitch s1, RecordingSwitch s2)
    {
        DeliverProbe(s1, 2, s2, 1);
        DeliverProbe(s2, 1, s1, 2);
    }

    [Fact]
    public void Switch_up_installs_lldp_flow_and_probes_every_live_port()
    {
        var sw = Switch(1, 1, 2, 3);
        ((Dictionary<PortNumber, PortDescription>)sw.Ports)[new PortNumber(3)] = Port(3, up: false);
        _app.OnSwitchUp(sw);

        var flow = Assert.IsType<FlowMod>(sw.Sent[0]);
        Assert.Equal((ushort)0xffff, flow.Priority);
        Assert.Equal(new Match([OxmField.EthType(0x88cc)]), flow.Match);
        var output = Assert.IsType<OutputAction>(Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions)).Actions.Single());
        Assert.Equal(PortNumber.Controller, output.Port);

        var probes = sw.Sent.OfType<PacketOut>().ToList();
        Assert.Equal([1u, 2u], probes.Select(p => ((OutputAction)p.Actions.Single()).Port.Value).Order());
        Assert.All(probes, p => Assert.Equal(PortNumber.Controller, p.InPort));
        Assert.True(LldpPacket.TryParseSwitchPort(probes[0].Data.AsSpan(), out var dpid, out var port));
        Assert.Equal(new DatapathId(1), dpid);
        Assert.Equal(new PortNumber(1), port);
        Assert.True(_f.Service.Current.Switches.ContainsKey(new DatapathId(1)));
        Assert.Equal(2, _app.Stats.Snapshot().ProbesSent);
    }

    [Fact]
    public void Probe_arriving_at_a_neighbour_creates_the_directed_link()
    {
        var (s1, s2) = TwoSwitchesUp();
        DeliverBothProbes(s1, s2);
        Assert.Equal([L(1, 2, 2, 1), L(2, 1, 1, 2)], _f.Service.Current.Links);
        Assert.Equal(2, _app.Stats.Snapshot().LldpAccepted);
        Assert.Equal(2, _f.Of<LinkUp>().Count);
    }

    [Fact]
    public void Bad_lldp_is_counted_and_ignored_and_the_topology_is_unharmed()
    {
        var (s1, s2) = TwoSwitchesUp();
        var before = _f.Service.Current;

        var good = ProbeFrom(s1, 2);
        var truncatedTlv = good.ToArray();
        truncatedTlv[15] = 0xff; // chassis ID TLV length points past the frame
        Receive(s2, 1, truncatedTlv);

        var foreignFrame = new LldpPacket(new LldpIdentifier(4, new byte[] { 2, 0, 0, 0, 0, 0x77 }), new LldpIdentifier(5, "eth0"u8.ToArray()), 120);
        Receive(s2, 1, EthernetFrame.Carrying(LldpPacket.NearestBridge, new MacAddress(0x0200_0000_0077UL), foreignFrame).ToArray());

        DeliverProbe(s1, 2, s1, 1); // looped back onto the same switch
        var unknown = LldpPacket.ForSwitchPort(new DatapathId(99), new PortNumber(1), new MacAddress(0x0200_0000_0099UL), 120).ToArray();
        Receive(s2, 1, unknown);
        var unknownPort = LldpPacket.ForSwitchPort(new DatapathId(1), new PortNumber(42), new MacAddress(0x0200_0000_0099UL), 120).ToArray();
        Receive(s2, 1, unknownPort);
        Receive(s2, 1, good[..13]); // too short even for an EtherType

        var stats = _app.Stats.Snapshot();
        Assert.Equal(1, stats.LldpMalformed);
        Assert.Equal(1, stats.LldpForeign);
        Assert.Equal(1, stats.LldpLooped);
        Assert.Equal(2, stats.LldpRejected);
        Assert.Equal(0, stats.LldpAccepted);
        Assert.Same(before, _f.Service.Current);
    }

    [Fact]
    public void Arp_from_a_host_at_an_edge_port_learns_the_host_with_its_address()
    {
        var s1 = Switch(1, 1, 2);
        _app.OnSwitchUp(s1);
        var mac = new MacAddress(0x0000_0000_0001UL);
        var arp = ArpPacket.Request(mac, IPv4Address.Parse("10.0.0.1"), IPv4Address.Parse("10.0.0.2"));
        Receive(s1, 1, EthernetFrame.Carrying(MacAddress.Broadcast, mac, arp).ToArray());
        var host = Assert.Single(_f.Service.Current.Hosts).Value;
        Assert.Equal(At(1, 1), host.Location);
        Assert.Equal([IPv4Address.Parse("10.0.0.1")], host.Ipv4.ToArray());

        var garbage = new byte[] { 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0x08, 0x00, 0x45 }; // IPv4 header cut short
        Receive(s1, 2, garbage);
        Assert.Single(_f.Service.Current.Hosts);
        Assert.Equal(1, _app.Stats.Snapshot().PacketsMalformed);
    }

    [Fact]
    public void Data_packet_ins_are_counted_per_switch_and_kept_when_a_switch_goes_down()
    {
        var (s1, s2) = TwoSwitchesUp();
        Assert.NotNull(s1.AppState); // discovery's own slot on its view of the switch
        var frame = EthernetFrame.Carrying(MacAddress.Broadcast, new MacAddress(0x0200_0000_0001UL), ArpPacket.Request(new MacAddress(0x0200_0000_0001UL), IPv4Address.Parse("10.0.0.1"), IPv4Address.Parse("10.0.0.2"))).ToArray();
        for (var i = 0; i < 3; i++)
        {
            Receive(s1, 1, frame);
        }

        Receive(s2, 1, frame);
        DeliverProbe(s1, 1, s2, 1); // LLDP: not a data packet-in
        Assert.Equal(4, _app.Stats.Snapshot().DataPacketIns);

        _app.OnSwitchDown(s1, "test");
        Assert.Null(s1.AppState);
        Assert.Equal(4, _app.Stats.Snapshot().DataPacketIns); // the closed connection's count stays in the total
        _app.OnSwitchDown(s1, "again"); // a second down changes nothing
        Receive(s2, 2, frame);
        var stranger = Switch(9, 1); // never came up here (a switch object shared with other code): still counted
        Receive(stranger, 1, frame);
        Assert.Equal(6, _app.Stats.Snapshot().DataPacketIns);
    }

    [Fact]
    public void Port_down_removes_links_and_port_up_probes_that_port_at_once()
    {
        var (s1, s2) = TwoSwitchesUp();
        DeliverBothProbes(s1, s2);
        s1.Sent.Clear();

        _app.OnPortStatus(s1, new PortStatus(PortStatusReason.Modify, Port(2, up: false)));
        Assert.Empty(_f.Service.Current.Links);
        Assert.Empty(s1.Sent);
        _app.OnPortStatus(s1, new PortStatus(PortStatusReason.Modify, Port(2)));
        var probe = Assert.IsType<PacketOut>(Assert.Single(s1.Sent));
        Assert.Equal(2u, ((OutputAction)probe.Actions.Single()).Port.Value);
    }

    [Fact]
    public void Switch_down_of_a_replaced_connection_does_not_remove_its_successor()
    {
        var old = Switch(1, 1);
        var successor = Switch(1, 1);
        _app.OnSwitchUp(old);
        _app.OnSwitchUp(successor);
        _app.OnSwitchDown(old, "replaced");
        Assert.True(_f.Service.Current.Switches.ContainsKey(new DatapathId(1)));
        _app.OnSwitchDown(successor, "closed");
        Assert.Empty(_f.Service.Current.Switches);
    }

    [Fact]
    public void Probe_round_probes_every_switch_and_ages_links()
    {
        var (s1, s2) = TwoSwitchesUp();
        DeliverProbe(s1, 2, s2, 1);
        s1.Sent.Clear();
        s2.Sent.Clear();
        _f.Time.Advance(TimeSpan.FromSeconds(4));
        _app.ProbeAll();
        Assert.Equal(2, s1.Sent.OfType<PacketOut>().Count());
        Assert.Equal(2, s2.Sent.OfType<PacketOut>().Count());
        Assert.Equal("timeout", Assert.Single(_f.Of<LinkDown>()).Reason);
    }
}
