using Sdn.OpenFlow;

namespace Sdn.Packets;

/// <summary>
/// What <see cref="PacketParser"/> read from one frame, as a flat value (no allocation). A field is meaningful only
/// when its layer bit is in <see cref="Layers"/>; otherwise it holds its default. Parsing stops, without error, at the
/// first EtherType or protocol it does not know, at a non-first fragment, and at ARP for other than Ethernet/IPv4.
/// </summary>
public readonly record struct PacketSummary
{
    /// <summary>Headers found, outermost first.</summary>
    public PacketLayers Layers { get; init; }

    /// <summary>True when every bit of <paramref name="layers"/> is in <see cref="Layers"/>.</summary>
    public bool Has(PacketLayers layers) => (Layers & layers) == layers;

    /// <summary>Ethernet destination (IEEE 802.3 §3.2.4).</summary>
    public MacAddress EthDestination { get; init; }

    /// <summary>Ethernet source.</summary>
    public MacAddress EthSource { get; init; }

    /// <summary>Outermost 802.1Q tag, or null when untagged.</summary>
    public VlanTag? OuterVlan { get; init; }

    /// <summary>Inner tag of a stacked pair, or null.</summary>
    public VlanTag? InnerVlan { get; init; }

    /// <summary>EtherType after the tags (a third tag's TPID when there are more than two tags).</summary>
    public EtherType EtherType { get; init; }

    /// <summary>ARP opcode (<see cref="PacketLayers.Arp"/>).</summary>
    public ArpOperation ArpOperation { get; init; }

    /// <summary>ARP sender hardware address.</summary>
    public MacAddress ArpSenderMac { get; init; }

    /// <summary>ARP sender protocol address.</summary>
    public IPv4Address ArpSenderIp { get; init; }

    /// <summary>ARP target hardware address.</summary>
    public MacAddress ArpTargetMac { get; init; }

    /// <summary>ARP target protocol address.</summary>
    public IPv4Address ArpTargetIp { get; init; }

    /// <summary>IPv4 source (<see cref="PacketLayers.IPv4"/>).</summary>
    public IPv4Address Ipv4Source { get; init; }

    /// <summary>IPv4 destination.</summary>
    public IPv4Address Ipv4Destination { get; init; }

    /// <summary>IPv6 source (<see cref="PacketLayers.IPv6"/>).</summary>
    public IPv6Address Ipv6Source { get; init; }

    /// <summary>IPv6 destination.</summary>
    public IPv6Address Ipv6Destination { get; init; }

    /// <summary>IPv4 protocol, or for IPv6 the next header after all extension headers (the upper layer).</summary>
    public IpProtocol IpProtocol { get; init; }

    /// <summary>Differentiated services code point, 0–63 (RFC 2474 §3), from the IPv4 TOS or IPv6 traffic class.</summary>
    public byte Dscp { get; init; }

    /// <summary>Explicit congestion notification bits, 0–3 (RFC 3168 §5).</summary>
    public byte Ecn { get; init; }

    /// <summary>IPv4 time to live (0 for IPv6).</summary>
    public byte Ttl { get; init; }

    /// <summary>IPv6 hop limit (0 for IPv4).</summary>
    public byte HopLimit { get; init; }

    /// <summary>IPv6 extension headers skipped before <see cref="IpProtocol"/>.</summary>
    public Ipv6Extensions Ipv6Extensions { get; init; }

    /// <summary>True for an IPv4/IPv6 fragment with a non-zero offset: no upper-layer header is read.</summary>
    public bool IsLaterFragment { get; init; }

    /// <summary>ICMP or ICMPv6 type (<see cref="PacketLayers.Icmp"/>, <see cref="PacketLayers.Icmpv6"/>).</summary>
    public byte IcmpType { get; init; }

    /// <summary>ICMP or ICMPv6 code.</summary>
    public byte IcmpCode { get; init; }

    /// <summary>Target address of a neighbor solicitation/advertisement (<see cref="PacketLayers.NeighborDiscovery"/>).</summary>
    public IPv6Address NdpTarget { get; init; }

    /// <summary>TCP or UDP source port.</summary>
    public ushort SourcePort { get; init; }

    /// <summary>TCP or UDP destination port.</summary>
    public ushort DestinationPort { get; init; }

    /// <summary>TCP control bits (<see cref="PacketLayers.Tcp"/>).</summary>
    public TcpFlags TcpFlags { get; init; }

    /// <summary>
    /// Offset in bytes, from the start of the frame, of the first byte after the innermost header read: the
    /// Ethernet/tag header, the 28-byte ARP packet, the LLDPDU's End TLV, the IP header and extension headers, the
    /// 8-byte ICMP header, the ICMPv6 header (4 bytes; 8 for echo; 24 for neighbor solicitation/advertisement), the
    /// TCP header with options, or the 8-byte UDP header.
    /// </summary>
    public int PayloadOffset { get; init; }

    /// <summary>
    /// Bytes of payload from <see cref="PayloadOffset"/>, as bounded by the innermost length field (IPv4 total
    /// length, IPv6 payload length, UDP length), so Ethernet padding is excluded where a length field says so.
    /// </summary>
    public int PayloadLength { get; init; }
}
