using Sdn.OpenFlow;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class Ipv4Tests
{
    private static readonly MacAddress Mac1 = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress Mac2 = MacAddress.Parse("02:00:00:00:00:02");

    // The classic worked example of the IPv4 header checksum: 192.168.0.1 -> 192.168.0.199, UDP, checksum 0xb861.
    private const string ExampleHeader = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    [Fact]
    public void Header_checksum_matches_the_worked_example()
    {
        var packet = new Ipv4Packet(IPv4Address.Parse("192.168.0.1"), IPv4Address.Parse("192.168.0.199"), IpProtocol.Udp, new byte[0x73 - 20])
        {
            DontFragment = true, Ttl = 64,
        };
        var bytes = packet.ToArray();
        Assert.Equal(Bytes.FromHex(ExampleHeader), bytes[..20]);
        Assert.True(InternetChecksum.IsValid(bytes.AsSpan(0, 20)));
        Assert.Equal(0, InternetChecksum.Compute(bytes.AsSpan(0, 20)));
    }

    [Fact]
    public void Udp_frame_summary_and_prefixes()
    {
        var src = IPv4Address.Parse("10.0.0.1");
        var dst = IPv4Address.Parse("10.0.0.2");
        var ip = Ipv4Packet.Carrying(src, dst, new UdpDatagram(5353, 53, "hello"u8.ToArray())) with { Dscp = 46, Ecn = 1, Ttl = 7 };
        var frame = EthernetFrame.Carrying(Mac2, Mac1, ip, new VlanTag(10, 5)).ToArray();
        var s = PacketParser.Parse(frame);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.Vlan | PacketLayers.IPv4 | PacketLayers.Udp, s.Layers);
        Assert.Equal((src, dst, IpProtocol.Udp, (byte)46, (byte)1, (byte)7), (s.Ipv4Source, s.Ipv4Destination, s.IpProtocol, s.Dscp, s.Ecn, s.Ttl));
        Assert.Equal(((ushort)5353, (ushort)53), (s.SourcePort, s.DestinationPort));
        Assert.Equal(18 + 20 + 8, s.PayloadOffset);
        Assert.Equal(5, s.PayloadLength);
        Assert.Equal("hello"u8.ToArray(), frame.AsSpan(s.PayloadOffset, s.PayloadLength).ToArray());

        var udp = frame.AsSpan(18 + 20, 13);
        Assert.True(InternetChecksum.IsValid(udp, ip.PseudoHeader, IpProtocol.Udp));
        udp[9] ^= 1;
        Assert.False(InternetChecksum.IsValid(udp, ip.PseudoHeader, IpProtocol.Udp));
        udp[9] ^= 1;

        // The IP total length reaches byte 18 + 33: every shorter prefix is refused.
        Bytes.AssertPrefixes(frame, 18 + 33, s);
    }

    [Theory]
    [InlineData("3500 0014 0000 0000 4011 0000 0a000001 0a000002", "IPv4: version 3 (must be 4)")]
    [InlineData("4400 0014 0000 0000 4011 0000 0a000001 0a000002", "IPv4: header length 4 words (minimum 5)")]
    [InlineData("4600 0018 0000 0000 4011 0000 0a000001 0a000002", "IPv4: 20 bytes, header needs 24")]
    [InlineData("4500 0013 0000 0000 4011 0000 0a000001 0a000002", "IPv4: total length 19 is less than the header length 20")]
    [InlineData("4500 0064 0000 0000 4011 0000 0a000001 0a000002", "IPv4: total length 100 exceeds the 20 bytes present")]
    [InlineData("4500 0014 0000 0000 4011", "IPv4: 10 bytes, header needs 20")]
    [InlineData("4500 001a 0000 0000 4011 0000 0a000001 0a000002 0035 0035 0007", "UDP: 6 bytes, header needs 8")]
    [InlineData("4500 001c 0000 0000 4011 0000 0a000001 0a000002 0035 0035 0007 0000", "UDP: length 7 is less than the 8-byte header")]
    [InlineData("4500 001c 0000 0000 4011 0000 0a000001 0a000002 0035 0035 0009 0000", "UDP: length 9 exceeds the 8 bytes present")]
    [InlineData("4500 0028 0000 0000 4006 0000 0a000001 0a000002 0035 0035 00000000 00000000 4002 0000 0000 0000", "TCP: data offset 4 words (minimum 5)")]
    [InlineData("4500 0028 0000 0000 4006 0000 0a000001 0a000002 0035 0035 00000000 00000000 6002 0000 0000 0000", "TCP: 20 bytes, header needs 24")]
    [InlineData("4500 001b 0000 0000 4001 0000 0a000001 0a000002 0800 0000 000000", "ICMP: 7 bytes, header needs 8")]
    public void Malformed_packets_are_refused_with_a_precise_message(string ipHex, string message)
    {
        var ip = Bytes.FromHex(ipHex);
        var frame = new EthernetFrame(Mac2, Mac1, EtherType.IPv4, ip).ToArray()[..(14 + ip.Length)]; // no padding
        Assert.False(PacketParser.TryParse(frame, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Later_fragments_stop_at_ip_and_first_fragments_may_cut_udp_short()
    {
        var src = IPv4Address.Parse("10.0.0.1");
        var dst = IPv4Address.Parse("10.0.0.2");
        var udp = new UdpDatagram(1, 2, new byte[100]).ToArray(PseudoHeader.ForIPv4(src, dst));
        var first = new Ipv4Packet(src, dst, IpProtocol.Udp, udp.AsMemory(0, 48)) { MoreFragments = true };
        var s = PacketParser.Parse(EthernetFrame.Carrying(Mac2, Mac1, first).ToArray());
        Assert.True(s.Has(PacketLayers.Udp));
        Assert.Equal(40, s.PayloadLength);
        Assert.False(s.IsLaterFragment);

        var later = new Ipv4Packet(src, dst, IpProtocol.Udp, udp.AsMemory(48)) { FragmentOffset = 6 };
        s = PacketParser.Parse(EthernetFrame.Carrying(Mac2, Mac1, later).ToArray());
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.IPv4, s.Layers);
        Assert.True(s.IsLaterFragment);
        Assert.Equal(IpProtocol.Udp, s.IpProtocol);
    }

    [Fact]
    public void Record_round_trips_with_options_and_fragment_fields()
    {
        var packet = new Ipv4Packet(IPv4Address.Parse("1.2.3.4"), IPv4Address.Parse("5.6.7.8"), (IpProtocol)253, new byte[] { 9, 9 })
        {
            Options = Bytes.FromHex("94040000"), Identification = 0xbeef, MoreFragments = true, FragmentOffset = 0x1abc, Dscp = 63, Ecn = 3, Ttl = 1,
        };
        var bytes = packet.ToArray();
        Assert.Equal(0x46, bytes[0]);
        var back = Ipv4Packet.Parse(bytes.Concat(new byte[5]).ToArray());
        Assert.Equal(bytes, back.ToArray());
        Assert.Equal((0xbeef, true, false, (ushort)0x1abc, (byte)63, (byte)3), (back.Identification, back.MoreFragments, back.DontFragment, back.FragmentOffset, back.Dscp, back.Ecn));
        Assert.Equal(new byte[] { 9, 9 }, back.Payload.ToArray());
        Assert.Throws<ArgumentException>(() => (packet with { Options = new byte[3] }).ToArray());
        Assert.Throws<ArgumentException>(() => new Ipv4Packet(default, default, IpProtocol.Udp, new byte[65516]).ToArray());
    }

    [Fact]
    public void Icmp_echo_round_trips_and_checksums()
    {
        var echo = IcmpMessage.EchoRequest(0x1234, 7, "abcdefgh"u8);
        var bytes = echo.ToArray();
        Assert.Equal(Bytes.FromHex("08 00"), bytes[..2]);
        Assert.True(InternetChecksum.IsValid(bytes));
        var back = IcmpMessage.Parse(bytes);
        Assert.Equal((0x1234, 7), (back.Identifier, back.SequenceNumber));
        Assert.Equal(bytes, back.ToArray());

        var frame = EthernetFrame.Carrying(Mac2, Mac1, Ipv4Packet.Carrying(IPv4Address.Parse("10.0.0.1"), IPv4Address.Parse("10.0.0.2"), echo)).ToArray();
        var s = PacketParser.Parse(frame);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.IPv4 | PacketLayers.Icmp, s.Layers);
        Assert.Equal(((byte)8, (byte)0), (s.IcmpType, s.IcmpCode));
        Assert.Equal(14 + 20 + 8, s.PayloadOffset);
        Assert.Equal(8, s.PayloadLength);
    }

    [Fact]
    public void Tcp_segment_round_trips_with_options()
    {
        var src = IPv4Address.Parse("10.0.0.1");
        var dst = IPv4Address.Parse("10.0.0.2");
        var tcp = new TcpSegment(40000, 80, 0x01020304, 0, TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, 64240, ReadOnlyMemory<byte>.Empty)
        {
            Options = Bytes.FromHex("020405b4 01030307"),
        };
        var bytes = tcp.ToArray(PseudoHeader.ForIPv4(src, dst));
        Assert.True(InternetChecksum.IsValid(bytes, PseudoHeader.ForIPv4(src, dst), IpProtocol.Tcp));
        var back = TcpSegment.Parse(bytes);
        Assert.Equal(bytes, back.ToArray(PseudoHeader.ForIPv4(src, dst)));
        Assert.Equal(28, back.HeaderLength);

        var s = PacketParser.Parse(EthernetFrame.Carrying(Mac2, Mac1, Ipv4Packet.Carrying(src, dst, tcp)).ToArray());
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, s.TcpFlags);
        Assert.Equal(((ushort)40000, (ushort)80), (s.SourcePort, s.DestinationPort));
        Assert.Equal(14 + 20 + 28, s.PayloadOffset);
        Assert.Equal(0, s.PayloadLength);
    }

    [Fact]
    public void Unknown_protocols_stop_at_ip()
    {
        var ip = new Ipv4Packet(IPv4Address.Parse("10.0.0.1"), IPv4Address.Parse("10.0.0.2"), (IpProtocol)89, new byte[3]);
        var s = PacketParser.Parse(EthernetFrame.Carrying(Mac2, Mac1, ip).ToArray());
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.IPv4, s.Layers);
        Assert.Equal((IpProtocol)89, s.IpProtocol);
        Assert.Equal(3, s.PayloadLength);
    }
}
