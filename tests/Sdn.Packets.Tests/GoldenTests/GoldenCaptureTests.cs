using System.Globalization;
using Sdn.OpenFlow;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.GoldenTests;

/// <summary>
/// Frames captured from Linux namespaces over a veth pair (Golden/tools/capture.sh). Checks: the summary equals
/// hand-written values; it agrees with tshark's recorded decode; re-building from the parsed records gives the captured
/// bytes (checksums included); every truncated prefix is refused.
/// </summary>
public class GoldenCaptureTests
{
    private const PacketLayers E = PacketLayers.Ethernet;
    private static readonly IPv4Address H1 = IPv4Address.Parse("10.99.0.1");
    private static readonly IPv4Address H2 = IPv4Address.Parse("10.99.0.2");
    private static readonly IPv6Address V1 = IPv6Address.Parse("fd00:99::1");
    private static readonly IPv6Address V2 = IPv6Address.Parse("fd00:99::2");
    private static readonly MacAddress M1 = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress M2 = MacAddress.Parse("02:00:00:00:00:02");

    public static TheoryData<string> Names() => new(GoldenVector.Names());

    [Fact]
    public void All_seventeen_vectors_are_present() => Assert.Equal(17, GoldenVector.Names().Count());

    /// <summary>Hand-written: layers, payload offset and length of each capture (the payload is what follows the innermost header).</summary>
    [Theory]
    [InlineData("arp_request", E | PacketLayers.Arp, 42, 0)]
    [InlineData("arp_reply", E | PacketLayers.Arp, 42, 0)]
    [InlineData("icmp_echo_request", E | PacketLayers.IPv4 | PacketLayers.Icmp, 42, 56)]
    [InlineData("icmp_echo_reply", E | PacketLayers.IPv4 | PacketLayers.Icmp, 42, 56)]
    [InlineData("icmpv6_neighbor_solicitation", E | PacketLayers.IPv6 | PacketLayers.Icmpv6 | PacketLayers.NeighborDiscovery, 78, 8)]
    [InlineData("icmpv6_neighbor_advertisement", E | PacketLayers.IPv6 | PacketLayers.Icmpv6 | PacketLayers.NeighborDiscovery, 78, 8)]
    [InlineData("icmpv6_echo_request", E | PacketLayers.IPv6 | PacketLayers.Icmpv6, 62, 56)]
    [InlineData("icmpv6_echo_reply", E | PacketLayers.IPv6 | PacketLayers.Icmpv6, 62, 56)]
    [InlineData("udp_request", E | PacketLayers.IPv4 | PacketLayers.Udp, 42, 13)]
    [InlineData("udp_reply", E | PacketLayers.IPv4 | PacketLayers.Udp, 42, 4)]
    [InlineData("tcp_syn", E | PacketLayers.IPv4 | PacketLayers.Tcp, 74, 0)]
    [InlineData("tcp_syn_ack", E | PacketLayers.IPv4 | PacketLayers.Tcp, 74, 0)]
    [InlineData("tcp_data", E | PacketLayers.IPv4 | PacketLayers.Tcp, 66, 5)]
    [InlineData("vlan_arp_request", E | PacketLayers.Vlan | PacketLayers.Arp, 46, 14)]
    [InlineData("vlan_icmp_echo_request", E | PacketLayers.Vlan | PacketLayers.IPv4 | PacketLayers.Icmp, 46, 16)]
    [InlineData("lldp_probe", E | PacketLayers.Lldp, 51, 9)]
    [InlineData("qinq_udp", E | PacketLayers.Vlan | PacketLayers.StackedVlan | PacketLayers.IPv4 | PacketLayers.Udp, 50, 4)]
    public void Layers_and_payload_match_hand_written_values(string name, PacketLayers layers, int payloadOffset, int payloadLength)
    {
        var s = PacketParser.Parse(GoldenVector.Load(name).Frame);
        Assert.Equal(layers, s.Layers);
        Assert.Equal((payloadOffset, payloadLength), (s.PayloadOffset, s.PayloadLength));
    }

    [Fact]
    public void Arp_fields_match_hand_written_values()
    {
        var request = PacketParser.Parse(GoldenVector.Load("arp_request").Frame);
        Assert.Equal((MacAddress.Broadcast, M1, ArpOperation.Request, M1, H1, MacAddress.Zero, H2),
            (request.EthDestination, request.EthSource, request.ArpOperation, request.ArpSenderMac, request.ArpSenderIp, request.ArpTargetMac, request.ArpTargetIp));
        var reply = PacketParser.Parse(GoldenVector.Load("arp_reply").Frame);
        Assert.Equal((M1, M2, ArpOperation.Reply, M2, H2, M1, H1),
            (reply.EthDestination, reply.EthSource, reply.ArpOperation, reply.ArpSenderMac, reply.ArpSenderIp, reply.ArpTargetMac, reply.ArpTargetIp));

        // The kernel's request is exactly what the builder writes (captured unpadded on the veth).
        var built = EthernetFrame.Carrying(MacAddress.Broadcast, M1, ArpPacket.Request(M1, H1, H2)).ToArray();
        Assert.Equal(GoldenVector.Load("arp_request").Frame, built[..42]);
    }

    [Fact]
    public void Ip_and_transport_fields_match_hand_written_values()
    {
        var echo = PacketParser.Parse(GoldenVector.Load("icmp_echo_request").Frame);
        Assert.Equal((H1, H2, IpProtocol.Icmp, (byte)64, (byte)0, (byte)8, (byte)0),
            (echo.Ipv4Source, echo.Ipv4Destination, echo.IpProtocol, echo.Ttl, echo.Dscp, echo.IcmpType, echo.IcmpCode));

        var udp = PacketParser.Parse(GoldenVector.Load("udp_request").Frame);
        Assert.Equal(((ushort)40001, (ushort)9999, IpProtocol.Udp), (udp.SourcePort, udp.DestinationPort, udp.IpProtocol));
        Assert.Equal("ping from pk1"u8.ToArray(), GoldenVector.Load("udp_request").Frame.AsSpan(udp.PayloadOffset, udp.PayloadLength).ToArray());

        var syn = PacketParser.Parse(GoldenVector.Load("tcp_syn").Frame);
        Assert.Equal(((ushort)40002, (ushort)8080, TcpFlags.Syn), (syn.SourcePort, syn.DestinationPort, syn.TcpFlags));
        var synAck = PacketParser.Parse(GoldenVector.Load("tcp_syn_ack").Frame);
        Assert.Equal(((ushort)8080, (ushort)40002, TcpFlags.Syn | TcpFlags.Ack), (synAck.SourcePort, synAck.DestinationPort, synAck.TcpFlags));
        var data = GoldenVector.Load("tcp_data").Frame;
        var s = PacketParser.Parse(data);
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, s.TcpFlags);
        Assert.Equal("hello"u8.ToArray(), data.AsSpan(s.PayloadOffset, s.PayloadLength).ToArray());
    }

    [Fact]
    public void Ipv6_fields_match_hand_written_values()
    {
        var ns = PacketParser.Parse(GoldenVector.Load("icmpv6_neighbor_solicitation").Frame);
        Assert.Equal((V1, V2.SolicitedNodeMulticast, (byte)255, (byte)135, V2, new MacAddress(0x3333ff000002)),
            (ns.Ipv6Source, ns.Ipv6Destination, ns.HopLimit, ns.IcmpType, ns.NdpTarget, ns.EthDestination));
        var na = PacketParser.Parse(GoldenVector.Load("icmpv6_neighbor_advertisement").Frame);
        Assert.Equal((V2, V1, (byte)136, V2), (na.Ipv6Source, na.Ipv6Destination, na.IcmpType, na.NdpTarget));
        var echo = PacketParser.Parse(GoldenVector.Load("icmpv6_echo_request").Frame);
        Assert.Equal((V1, V2, IpProtocol.Icmpv6, (byte)64, (byte)128, Ipv6Extensions.None),
            (echo.Ipv6Source, echo.Ipv6Destination, echo.IpProtocol, echo.HopLimit, echo.IcmpType, echo.Ipv6Extensions));
    }

    [Fact]
    public void Tagged_frames_match_hand_written_values()
    {
        var echo = PacketParser.Parse(GoldenVector.Load("vlan_icmp_echo_request").Frame);
        Assert.Equal(new VlanTag(42, 5), echo.OuterVlan);
        Assert.Null(echo.InnerVlan);
        Assert.Equal((EtherType.IPv4, (byte)46, IPv4Address.Parse("10.99.42.1")), (echo.EtherType, echo.Dscp, echo.Ipv4Source));

        var qinq = PacketParser.Parse(GoldenVector.Load("qinq_udp").Frame);
        Assert.Equal(new VlanTag(100, 3, false, EtherType.QinQ), qinq.OuterVlan);
        Assert.Equal(new VlanTag(200), qinq.InnerVlan);
        Assert.Equal(((ushort)5000, (ushort)6000), (qinq.SourcePort, qinq.DestinationPort));
    }

    [Fact]
    public void Lldp_probe_from_an_independent_ryu_format_writer_equals_our_builder()
    {
        var captured = GoldenVector.Load("lldp_probe").Frame;
        Assert.Equal(captured, LldpPacket.ForSwitchPort(new DatapathId(0xab), new PortNumber(3), M1, 120).ToArray());
        Assert.True(LldpPacket.TryParseSwitchPort(captured, out var dpid, out var port));
        Assert.Equal((new DatapathId(0xab), new PortNumber(3)), (dpid, port));
    }

    /// <summary>The summary agrees with every field tshark decoded (recorded at capture time; tshark is not run here).</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Summary_agrees_with_tshark(string name)
    {
        var v = GoldenVector.Load(name);
        var s = PacketParser.Parse(v.Frame);
        var checkedFields = 0;
        void Check(string field, string? actual)
        {
            if (v.Field(field) is { } expected)
            {
                Assert.True(expected == actual, $"{name}: {field} tshark={expected} ours={actual}");
                checkedFields++;
            }
        }

        static string Dec(long n) => n.ToString(CultureInfo.InvariantCulture);
        Check("eth.dst", s.EthDestination.ToString());
        Check("eth.src", s.EthSource.ToString());
        var tag = s.InnerVlan ?? s.OuterVlan; // tshark 4.0 reports the 802.1Q (C-TAG) layer as vlan.*
        Check("vlan.id", tag is { } t1 ? Dec(t1.VlanId) : null);
        Check("vlan.priority", tag is { } t2 ? Dec(t2.Pcp) : null);
        Check("arp.opcode", Dec((int)s.ArpOperation));
        Check("arp.src.hw_mac", s.ArpSenderMac.ToString());
        Check("arp.src.proto_ipv4", s.ArpSenderIp.ToString());
        Check("arp.dst.hw_mac", s.ArpTargetMac.ToString());
        Check("arp.dst.proto_ipv4", s.ArpTargetIp.ToString());
        Check("ip.src", s.Ipv4Source.ToString());
        Check("ip.dst", s.Ipv4Destination.ToString());
        Check("ip.proto", Dec((int)s.IpProtocol));
        Check("ip.dsfield.dscp", Dec(s.Dscp));
        Check("ip.ttl", Dec(s.Ttl));
        Check("ipv6.src", s.Ipv6Source.ToString());
        Check("ipv6.dst", s.Ipv6Destination.ToString());
        Check("ipv6.nxt", Dec((int)s.IpProtocol));
        Check("ipv6.hlim", Dec(s.HopLimit));
        Check(s.Has(PacketLayers.Icmp) ? "icmp.type" : "icmpv6.type", Dec(s.IcmpType));
        Check(s.Has(PacketLayers.Icmp) ? "icmp.code" : "icmpv6.code", Dec(s.IcmpCode));
        Check(s.IcmpType == 135 ? "icmpv6.nd.ns.target_address" : "icmpv6.nd.na.target_address", s.NdpTarget.ToString());
        Check(s.Has(PacketLayers.Tcp) ? "tcp.srcport" : "udp.srcport", Dec(s.SourcePort));
        Check(s.Has(PacketLayers.Tcp) ? "tcp.dstport" : "udp.dstport", Dec(s.DestinationPort));
        Check("tcp.flags", "0x" + ((int)s.TcpFlags).ToString("x4", CultureInfo.InvariantCulture));
        var lldp = s.Has(PacketLayers.Lldp) ? LldpPacket.Parse(v.Frame.AsMemory(14)) : null;
        Check("lldp.time_to_live", lldp is null ? null : Dec(lldp.TtlSeconds));
        Check("lldp.chassis.subtype", lldp is null ? null : Dec(lldp.ChassisId.Subtype));
        Check("lldp.chassis.id", lldp is null ? null : Bytes.ToHex(lldp.ChassisId.Id.Span));
        Check("lldp.port.subtype", lldp is null ? null : Dec(lldp.PortId.Subtype));
        Assert.True(checkedFields >= 4, $"{name}: only {checkedFields} fields compared");
    }

    /// <summary>Parsed records written again give the captured bytes; frames the kernel sent unpadded compare on their length.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Rebuilding_from_parsed_records_gives_the_captured_bytes(string name)
    {
        var captured = GoldenVector.Load(name).Frame;
        var rebuilt = Rebuild.Frame(captured);
        if (name == "qinq_udp")
        {
            // Sent with UDP checksum 0 ("not computed", RFC 768); the builder always computes one.
            Assert.Equal(0, captured[48] | captured[49]);
            rebuilt[48] = rebuilt[49] = 0;
        }

        Assert.Equal(Math.Max(60, captured.Length), rebuilt.Length);
        Assert.Equal(Bytes.ToHex(captured), Bytes.ToHex(rebuilt.AsSpan(0, captured.Length)));
        Assert.All(rebuilt[captured.Length..], b => Assert.Equal(0, b));
    }

    /// <summary>
    /// Every prefix that cuts a header, or an IP packet short of its length field, is refused; prefixes that only cut
    /// Ethernet padding after ARP/LLDP or after the IP packet parse to the same summary.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Every_truncated_prefix_is_refused_cleanly(string name)
    {
        var frame = GoldenVector.Load(name).Frame;
        var s = PacketParser.Parse(frame);
        var end = s.Has(PacketLayers.IPv4) || s.Has(PacketLayers.IPv6) ? s.PayloadOffset + s.PayloadLength : s.PayloadOffset;
        Bytes.AssertPrefixes(frame, end, s);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Captured_checksums_verify(string name)
    {
        var s = PacketParser.Parse(GoldenVector.Load(name).Frame);
        var frame = GoldenVector.Load(name).Frame;
        var ipStart = 14 + (s.OuterVlan is null ? 0 : 4) + (s.InnerVlan is null ? 0 : 4);
        if (s.Has(PacketLayers.IPv4))
        {
            var ip = Ipv4Packet.Parse(frame.AsMemory(ipStart));
            Assert.True(InternetChecksum.IsValid(frame.AsSpan(ipStart, ip.HeaderLength)));
            Assert.True(InternetChecksum.IsValid(ip.Payload.Span, ip.PseudoHeader, ip.Protocol));
        }
        else if (s.Has(PacketLayers.IPv6))
        {
            var ip = Ipv6Packet.Parse(frame.AsMemory(ipStart));
            Assert.True(InternetChecksum.IsValid(ip.Payload.Span, ip.PseudoHeader, ip.NextHeader));
        }
        else
        {
            Assert.True(s.Has(PacketLayers.Arp) || s.Has(PacketLayers.Lldp));
        }
    }
}
