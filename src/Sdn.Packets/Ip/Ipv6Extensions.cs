namespace Sdn.Packets;

/// <summary>The IPv6 extension headers found before the upper-layer header (RFC 8200 §4.1), one bit per kind.</summary>
[Flags]
public enum Ipv6Extensions
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Hop-by-hop options (§4.3).</summary>
    HopByHop = 1 << 0,
    /// <summary>Routing (§4.4).</summary>
    Routing = 1 << 1,
    /// <summary>Fragment (§4.5).</summary>
    Fragment = 1 << 2,
    /// <summary>Destination options (§4.6).</summary>
    DestinationOptions = 1 << 3,
    /// <summary>Authentication header (RFC 4302).</summary>
    Authentication = 1 << 4,
    /// <summary>Other headers in the RFC 8200 §4.2 format (mobility 135, HIP 139, shim6 140).</summary>
    Other = 1 << 5,
}
