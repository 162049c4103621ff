namespace Sdn.Packets;

/// <summary>The headers <see cref="PacketParser"/> found in a frame, outermost first; one bit per header kind.</summary>
[Flags]
public enum PacketLayers
{
    /// <summary>Nothing parsed.</summary>
    None = 0,
    /// <summary>Ethernet II header (always set on success).</summary>
    Ethernet = 1 << 0,
    /// <summary>At least one 802.1Q tag.</summary>
    Vlan = 1 << 1,
    /// <summary>Two stacked tags (802.1ad).</summary>
    StackedVlan = 1 << 2,
    /// <summary>Ethernet/IPv4 ARP (RFC 826).</summary>
    Arp = 1 << 3,
    /// <summary>A well-formed LLDPDU (IEEE 802.1AB).</summary>
    Lldp = 1 << 4,
    /// <summary>IPv4 header (RFC 791).</summary>
    IPv4 = 1 << 5,
    /// <summary>IPv6 header and its extension headers (RFC 8200).</summary>
    IPv6 = 1 << 6,
    /// <summary>ICMP header (RFC 792).</summary>
    Icmp = 1 << 7,
    /// <summary>ICMPv6 header (RFC 4443).</summary>
    Icmpv6 = 1 << 8,
    /// <summary>Neighbor solicitation or advertisement with its target address (RFC 4861 §4.3, §4.4).</summary>
    NeighborDiscovery = 1 << 9,
    /// <summary>TCP header (RFC 9293).</summary>
    Tcp = 1 << 10,
    /// <summary>UDP header (RFC 768).</summary>
    Udp = 1 << 11,
}
