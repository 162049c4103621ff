namespace Sdn.Packets;

/// <summary>
/// The addresses of the IP pseudo header that TCP, UDP and ICMPv6 checksums cover: IPv4 (RFC 768, RFC 9293 §3.1:
/// source, destination, zero, protocol, length) or IPv6 (RFC 8200 §8.1: source, destination, 32-bit upper-layer
/// length, zeros, next header). <c>default</c> is "no pseudo header" (ICMP for IPv4, RFC 792).
/// </summary>
public readonly record struct PseudoHeader
{
    private readonly ulong _addressSum;

    private PseudoHeader(ulong addressSum, bool isIPv6)
    {
        _addressSum = addressSum;
        IsIPv6 = isIPv6;
        IsPresent = true;
    }

    /// <summary>True for an IPv6 pseudo header.</summary>
    public bool IsIPv6 { get; }

    /// <summary>False for <c>default</c> (no pseudo header).</summary>
    public bool IsPresent { get; }

    /// <summary>The IPv4 pseudo header for <paramref name="source"/> → <paramref name="destination"/>.</summary>
    public static PseudoHeader ForIPv4(IPv4Address source, IPv4Address destination) =>
        new((source.Value >> 16) + (source.Value & 0xffff) + (destination.Value >> 16) + (destination.Value & 0xffff), false);

    /// <summary>The IPv6 pseudo header for <paramref name="source"/> → <paramref name="destination"/>.</summary>
    public static PseudoHeader ForIPv6(IPv6Address source, IPv6Address destination) =>
        new(Words(source.High) + Words(source.Low) + Words(destination.High) + Words(destination.Low), true);

    /// <summary>
    /// The sum of the pseudo header's 16-bit words for an upper-layer message of <paramref name="length"/> bytes; 0
    /// for ICMP, whose checksum has no pseudo header (RFC 792).
    /// </summary>
    internal ulong Sum(IpProtocol protocol, int length) =>
        IsPresent && protocol != IpProtocol.Icmp ? _addressSum + (byte)protocol + ((uint)length >> 16) + ((uint)length & 0xffff) : 0;

    private static ulong Words(ulong v) => (v >> 48) + ((v >> 32) & 0xffff) + ((v >> 16) & 0xffff) + (v & 0xffff);
}
