namespace Sdn.Packets;

/// <summary>
/// The 16-bit Ethernet II type field (IEEE 802.3 §3.2.6, IEEE 802.1Q §9.5): values from 0x0600 name the payload
/// protocol; smaller values are an IEEE 802.3 length, which this library carries as an unknown type. Any value may be
/// cast to this enum.
/// </summary>
public enum EtherType : ushort
{
    /// <summary>IPv4 (RFC 894).</summary>
    IPv4 = 0x0800,
    /// <summary>ARP (RFC 826).</summary>
    Arp = 0x0806,
    /// <summary>IEEE 802.1Q customer VLAN tag (C-TAG).</summary>
    Vlan = 0x8100,
    /// <summary>IPv6 (RFC 2464).</summary>
    IPv6 = 0x86dd,
    /// <summary>IEEE 802.1ad service VLAN tag (S-TAG), the outer tag of a stacked pair.</summary>
    QinQ = 0x88a8,
    /// <summary>LLDP (IEEE 802.1AB §7.1).</summary>
    Lldp = 0x88cc,
}
