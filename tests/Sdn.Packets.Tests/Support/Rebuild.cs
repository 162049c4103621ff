namespace Sdn.Packets.Tests.Support;

/// <summary>Parses a frame into the library's records layer by layer and writes it again with the builders (checksums recomputed).</summary>
public static class Rebuild
{
    public static byte[] Frame(byte[] frame)
    {
        var eth = EthernetFrame.Parse(frame);
        EtherPayload payload = eth.EtherType switch
        {
            EtherType.Arp => ArpPacket.Parse(eth.Payload.Span),
            EtherType.Lldp => LldpPacket.Parse(eth.Payload),
            EtherType.IPv4 => V4(Ipv4Packet.Parse(eth.Payload)),
            EtherType.IPv6 => V6(Ipv6Packet.Parse(eth.Payload)),
            _ => throw new InvalidOperationException($"no builder for {eth.EtherType}"),
        };
        return (EthernetFrame.Carrying(eth.Destination, eth.Source, payload) with { OuterTag = eth.OuterTag, InnerTag = eth.InnerTag }).ToArray();
    }

    private static Ipv4Packet V4(Ipv4Packet p) => Ipv4Packet.Carrying(p.Source, p.Destination, Transport(p.Protocol, p.Payload)) with
    {
        Dscp = p.Dscp, Ecn = p.Ecn, Identification = p.Identification, DontFragment = p.DontFragment, MoreFragments = p.MoreFragments,
        FragmentOffset = p.FragmentOffset, Ttl = p.Ttl, Options = p.Options,
    };

    private static Ipv6Packet V6(Ipv6Packet p) => Ipv6Packet.Carrying(p.Source, p.Destination, Transport(p.NextHeader, p.Payload)) with
    {
        TrafficClass = p.TrafficClass, FlowLabel = p.FlowLabel, HopLimit = p.HopLimit,
    };

    private static TransportPayload Transport(IpProtocol protocol, ReadOnlyMemory<byte> bytes) => protocol switch
    {
        IpProtocol.Udp => UdpDatagram.Parse(bytes),
        IpProtocol.Tcp => TcpSegment.Parse(bytes),
        IpProtocol.Icmp => IcmpMessage.Parse(bytes),
        IpProtocol.Icmpv6 => Icmpv6Message.Parse(bytes),
        _ => throw new InvalidOperationException($"no builder for {protocol}"),
    };
}
