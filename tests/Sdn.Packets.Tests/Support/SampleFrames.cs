using Sdn.OpenFlow;

namespace Sdn.Packets.Tests.Support;

/// <summary>Valid frames of every kind the library parses, built with the library's records (seeds for mutation).</summary>
public static class SampleFrames
{
    private static readonly MacAddress A = new(0x020000000001);
    private static readonly MacAddress B = new(0x020000000002);
    private static readonly IPv4Address V4a = IPv4Address.Parse("10.0.0.1");
    private static readonly IPv4Address V4b = IPv4Address.Parse("10.0.0.2");
    private static readonly IPv6Address V6a = IPv6Address.Parse("fe80::1");
    private static readonly IPv6Address V6b = IPv6Address.Parse("fe80::2");

    /// <summary>ARP, LLDP, UDP/TCP/ICMP over IPv4 (tagged and stacked), ICMPv6 NS and echo, UDP after IPv6 extension headers.</summary>
    public static readonly byte[][] All =
    [
        EthernetFrame.Carrying(MacAddress.Broadcast, A, ArpPacket.Request(A, V4a, V4b)).ToArray(),
        LldpPacket.ForSwitchPort(new DatapathId(0xabcdef), new PortNumber(7), A, 120).ToArray(),
        EthernetFrame.Carrying(B, A, Ipv4Packet.Carrying(V4a, V4b, new UdpDatagram(68, 67, new byte[12])), new VlanTag(100, 3)).ToArray(),
        (EthernetFrame.Carrying(B, A, Ipv4Packet.Carrying(V4a, V4b, new TcpSegment(1, 2, 3, 4, TcpFlags.Syn, 5, new byte[3]) { Options = new byte[4] }))
            with { OuterTag = new VlanTag(1, 0, false, EtherType.QinQ), InnerTag = new VlanTag(2) }).ToArray(),
        EthernetFrame.Carrying(B, A, Ipv4Packet.Carrying(V4a, V4b, IcmpMessage.EchoRequest(1, 1, new byte[16]))).ToArray(),
        EthernetFrame.Carrying(B, A, Ipv6Packet.Carrying(V6a, V6b.SolicitedNodeMulticast, Icmpv6Message.NeighborSolicitation(V6b, A))).ToArray(),
        EthernetFrame.Carrying(B, A, Ipv6Packet.Carrying(V6a, V6b, Icmpv6Message.EchoRequest(9, 9, new byte[8]))).ToArray(),
        EthernetFrame.Carrying(B, A, new Ipv6Packet(V6a, V6b, IpProtocol.HopByHop,
            Bytes.FromHex("2c00 0000 00000000 1100 0001 00000001 0001 0002 000a 0000 0102").AsMemory())).ToArray(),
    ];
}
