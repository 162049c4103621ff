using Sdn.OpenFlow;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class Ipv6Tests
{
    private static readonly MacAddress Mac1 = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress Mac2 = MacAddress.Parse("02:00:00:00:00:02");
    private static readonly IPv6Address Src = IPv6Address.Parse("fe80::1");
    private static readonly IPv6Address Dst = IPv6Address.Parse("2001:db8::2");

    private static byte[] Frame(IpProtocol next, byte[] payload) =>
        EthernetFrame.Carrying(Mac2, Mac1, new Ipv6Packet(Src, Dst, next, payload) { HopLimit = 255, TrafficClass = 0xb9, FlowLabel = 0x12345 }).ToArray();

    [Fact]
    public void Neighbor_solicitation_summary_has_the_target()
    {
        var target = IPv6Address.Parse("2001:db8::2");
        var ns = Icmpv6Message.NeighborSolicitation(target, Mac1);
        var ip = Ipv6Packet.Carrying(Src, target.SolicitedNodeMulticast, ns) with { HopLimit = 255 };
        var frame = EthernetFrame.Carrying(new MacAddress(0x3333ff000002), Mac1, ip).ToArray();
        Assert.True(InternetChecksum.IsValid(frame.AsSpan(54), ip.PseudoHeader, IpProtocol.Icmpv6));

        var s = PacketParser.Parse(frame);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.IPv6 | PacketLayers.Icmpv6 | PacketLayers.NeighborDiscovery, s.Layers);
        Assert.Equal((Src, target.SolicitedNodeMulticast, IpProtocol.Icmpv6, (byte)255), (s.Ipv6Source, s.Ipv6Destination, s.IpProtocol, s.HopLimit));
        Assert.Equal(((byte)135, (byte)0, target), (s.IcmpType, s.IcmpCode, s.NdpTarget));
        Assert.Equal(14 + 40 + 24, s.PayloadOffset);
        Assert.Equal(8, s.PayloadLength);
        Assert.Equal(target, Icmpv6Message.Parse(frame.AsMemory(54)).NdpTarget);
        Bytes.AssertPrefixes(frame, frame.Length, s);
    }

    [Fact]
    public void Neighbor_advertisement_sets_flags_and_option()
    {
        var na = Icmpv6Message.NeighborAdvertisement(Dst, Mac2, router: true, solicited: true, overrideFlag: false);
        Assert.Equal(0xc0, na.Body.Span[0]);
        Assert.Equal(Bytes.FromHex("0201 020000000002"), na.Body.Span[20..].ToArray());
        Assert.Null(Icmpv6Message.EchoRequest(1, 2, []).NdpTarget);
    }

    [Fact]
    public void Extension_headers_are_skipped_and_identified()
    {
        var pseudo = PseudoHeader.ForIPv6(Src, Dst);
        var udp = new UdpDatagram(546, 547, new byte[4]).ToArray(pseudo);
        var payload = Bytes.FromHex(
            "3c00 0104 00000000" +            // hop-by-hop, next = destination options, 8 bytes
            "2b01 0000 00000000 00000000 00000000" + // destination options, next = routing, 16 bytes
            "2c00 0000 00000000" +            // routing, next = fragment
            "1100 0001 00000001")             // fragment offset 0, M set, next = UDP
            .Concat(udp).ToArray();
        var s = PacketParser.Parse(Frame(IpProtocol.HopByHop, payload));
        Assert.Equal(Ipv6Extensions.HopByHop | Ipv6Extensions.DestinationOptions | Ipv6Extensions.Routing | Ipv6Extensions.Fragment, s.Ipv6Extensions);
        Assert.Equal(IpProtocol.Udp, s.IpProtocol);
        Assert.Equal(((ushort)546, (ushort)547), (s.SourcePort, s.DestinationPort));
        Assert.Equal(14 + 40 + 40 + 8, s.PayloadOffset);
        Assert.Equal(((byte)0x2e, (byte)1, (byte)255), (s.Dscp, s.Ecn, s.HopLimit));

        var packet = Ipv6Packet.Parse(Frame(IpProtocol.HopByHop, payload).AsMemory(14));
        Assert.Equal(s.Ipv6Extensions, packet.FindUpperLayer(out var protocol, out var upper));
        Assert.Equal(IpProtocol.Udp, protocol);
        Assert.Equal(udp, upper.ToArray());
        Assert.Equal(0x12345u, packet.FlowLabel);
    }

    [Fact]
    public void Later_fragment_stops_at_ip()
    {
        var s = PacketParser.Parse(Frame(IpProtocol.Fragment, Bytes.FromHex("3a00 0008 00000001 deadbeef")));
        Assert.True(s.IsLaterFragment);
        Assert.Equal(IpProtocol.Icmpv6, s.IpProtocol);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.IPv6, s.Layers);
        Assert.Equal(4, s.PayloadLength);
    }

    [Theory]
    [InlineData(0x2c, "0000 0000 00000000 0000 0104 00000000", "IPv6: hop-by-hop options header at offset 8 is not first")]
    [InlineData(0x00, "3a01 0000 00000000", "IPv6 hop-by-hop options: 8 bytes, header needs 16")]
    [InlineData(0x2c, "3a00 0000", "IPv6 fragment header: 4 bytes, header needs 8")]
    [InlineData(0x3a, "8000 0000 0001", "ICMPv6: 6 bytes, header needs 8")]
    [InlineData(0x3a, "8700 0000 00000000", "ICMPv6: 8 bytes, header needs 24")]
    [InlineData(0x3a, "8701 0000 00000000 00000000000000000000000000000000", "ICMPv6: neighbor discovery code 1 (must be 0)")]
    [InlineData(0x3a, "01", "ICMPv6: 1 bytes, header needs 4")]
    public void Malformed_payloads_are_refused(byte next, string payloadHex, string message)
    {
        Assert.False(PacketParser.TryParse(Frame((IpProtocol)next, Bytes.FromHex(payloadHex)), out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Fixed_header_errors()
    {
        var frame = Frame(IpProtocol.NoNextHeader, new byte[4]);
        frame[14] = 0x40;
        Assert.Equal("IPv6: version 4 (must be 6)", Assert.Throws<PacketDecodeException>(() => PacketParser.Parse(frame)).Message);
        frame[14] = 0x6b;
        frame[19] = 9;
        Assert.Equal("IPv6: payload length 9 exceeds the 6 bytes present", Assert.Throws<PacketDecodeException>(() => PacketParser.Parse(frame)).Message);
        Assert.Equal("IPv6: 39 bytes, header needs 40", Assert.Throws<PacketDecodeException>(() => Ipv6Packet.Parse(new byte[39])).Message);
    }

    [Fact]
    public void Echo_over_ipv6_round_trips()
    {
        var echo = Icmpv6Message.EchoReply(0x0102, 3, "ping"u8);
        var ip = Ipv6Packet.Carrying(Src, Dst, echo);
        var back = Ipv6Packet.Parse(ip.ToArray());
        Assert.Equal(ip.ToArray(), back.ToArray());
        var message = Icmpv6Message.Parse(back.Payload);
        Assert.Equal((0x0102, 3), (message.Identifier, message.SequenceNumber));
        Assert.True(InternetChecksum.IsValid(back.Payload.Span, back.PseudoHeader, IpProtocol.Icmpv6));
        var s = PacketParser.Parse(EthernetFrame.Carrying(Mac2, Mac1, ip).ToArray());
        Assert.Equal(((byte)129, 14 + 40 + 8, 4), (s.IcmpType, s.PayloadOffset, s.PayloadLength));
    }
}
