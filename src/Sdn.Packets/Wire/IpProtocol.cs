namespace Sdn.Packets;

/// <summary>
/// IPv4 protocol / IPv6 next-header numbers (IANA "Assigned Internet Protocol Numbers"; RFC 791 §3.1, RFC 8200 §3).
/// Any value may be cast to this enum.
/// </summary>
public enum IpProtocol : byte
{
    /// <summary>IPv6 hop-by-hop options header (RFC 8200 §4.3).</summary>
    HopByHop = 0,
    /// <summary>ICMP for IPv4 (RFC 792).</summary>
    Icmp = 1,
    /// <summary>TCP (RFC 9293).</summary>
    Tcp = 6,
    /// <summary>UDP (RFC 768).</summary>
    Udp = 17,
    /// <summary>IPv6 routing header (RFC 8200 §4.4).</summary>
    Routing = 43,
    /// <summary>IPv6 fragment header (RFC 8200 §4.5).</summary>
    Fragment = 44,
    /// <summary>Encapsulating security payload (RFC 4303); opaque, parsing stops there.</summary>
    Esp = 50,
    /// <summary>Authentication header (RFC 4302 §2); skipped like an extension header.</summary>
    AuthenticationHeader = 51,
    /// <summary>ICMPv6 (RFC 4443).</summary>
    Icmpv6 = 58,
    /// <summary>No next header (RFC 8200 §4.7).</summary>
    NoNextHeader = 59,
    /// <summary>IPv6 destination options header (RFC 8200 §4.6).</summary>
    DestinationOptions = 60,
}
