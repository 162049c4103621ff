using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// The decoded fixed IPv6 header (RFC 8200 §3), shared by <see cref="Ipv6Packet"/> and <see cref="PacketParser"/>.
/// </summary>
internal readonly record struct Ipv6Header(
    byte TrafficClass, uint FlowLabel, ushort PayloadLength, IpProtocol NextHeader, byte HopLimit, IPv6Address Source, IPv6Address Destination)
{
    /// <summary>Size of the fixed header: 40 bytes.</summary>
    public const int Size = 40;

    /// <summary>Reads and checks the header: 40 bytes present, version 6, payload length not beyond the buffer.</summary>
    public static string? TryRead(ReadOnlySpan<byte> packet, out Ipv6Header header)
    {
        header = default;
        if (packet.Length < Size)
        {
            return Decode.Truncated("IPv6", packet.Length, Size);
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(packet);
        if (first >> 28 != 6)
        {
            return Decode.Format($"IPv6: version {first >> 28} (must be 6)");
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (payloadLength > packet.Length - Size)
        {
            return Decode.Format($"IPv6: payload length {payloadLength} exceeds the {packet.Length - Size} bytes present");
        }

        header = new Ipv6Header(
            (byte)(first >> 20), first & 0xfffff, payloadLength, (IpProtocol)packet[6], packet[7],
            IPv6Address.Read(packet[8..]), IPv6Address.Read(packet[24..]));
        return null;
    }
}

/// <summary>
/// Where the upper-layer header starts after the IPv6 extension headers (RFC 8200 §4): hop-by-hop (§4.3, first only),
/// routing (§4.4), fragment (§4.5, 8 bytes), destination options (§4.6), authentication (RFC 4302 §2, length in
/// 4-byte units), and the §4.2-format mobility/HIP/shim6 headers.
/// </summary>
/// <param name="Protocol">The first header that is not an extension header (or the fragment's next header).</param>
/// <param name="Offset">Its offset from the start of the IPv6 payload, in bytes.</param>
/// <param name="Found">The extension headers skipped.</param>
/// <param name="IsLaterFragment">A fragment header with a non-zero offset was found: no upper-layer header follows.</param>
/// <param name="IsFirstFragment">A fragment header with offset 0 and M set: the upper layer is cut short.</param>
internal readonly record struct Ipv6UpperLayer(IpProtocol Protocol, int Offset, Ipv6Extensions Found, bool IsLaterFragment, bool IsFirstFragment)
{
    private const int MaxHeaders = 16;

    /// <summary>Walks the extension headers of <paramref name="payload"/>; errors when one runs past it or hop-by-hop is not first.</summary>
    public static string? TryFind(ReadOnlySpan<byte> payload, IpProtocol next, out Ipv6UpperLayer result)
    {
        var offset = 0;
        var found = Ipv6Extensions.None;
        var firstFragment = false;
        for (var count = 0; count < MaxHeaders; count++)
        {
            var kind = Kind(next);
            if (kind == Ipv6Extensions.None)
            {
                result = new Ipv6UpperLayer(next, offset, found, false, firstFragment);
                return null;
            }

            if (kind == Ipv6Extensions.HopByHop && count != 0)
            {
                result = default;
                return Decode.Format($"IPv6: hop-by-hop options header at offset {offset} is not first");
            }

            var need = kind == Ipv6Extensions.Fragment ? 8 : 2;
            if (payload.Length - offset < need)
            {
                result = default;
                return Decode.Truncated(Name(kind), payload.Length - offset, need);
            }

            var length = kind switch
            {
                Ipv6Extensions.Fragment => 8,
                Ipv6Extensions.Authentication => (payload[offset + 1] + 2) * 4,
                _ => (payload[offset + 1] + 1) * 8,
            };
            if (payload.Length - offset < length)
            {
                result = default;
                return Decode.Truncated(Name(kind), payload.Length - offset, length);
            }

            found |= kind;
            var following = (IpProtocol)payload[offset];
            if (kind == Ipv6Extensions.Fragment)
            {
                var field = BinaryPrimitives.ReadUInt16BigEndian(payload[(offset + 2)..]);
                if ((field & 0xfff8) != 0)
                {
                    result = new Ipv6UpperLayer(following, offset + length, found, true, false);
                    return null;
                }

                firstFragment = (field & 1) != 0;
            }

            offset += length;
            next = following;
        }

        result = default;
        return Decode.Format($"IPv6: more than {MaxHeaders} extension headers");
    }

    private static string Name(Ipv6Extensions kind) => kind switch
    {
        Ipv6Extensions.HopByHop => "IPv6 hop-by-hop options",
        Ipv6Extensions.Routing => "IPv6 routing header",
        Ipv6Extensions.Fragment => "IPv6 fragment header",
        Ipv6Extensions.Authentication => "IPv6 authentication header",
        Ipv6Extensions.DestinationOptions => "IPv6 destination options",
        _ => "IPv6 extension header",
    };

    private static Ipv6Extensions Kind(IpProtocol next) => (byte)next switch
    {
        0 => Ipv6Extensions.HopByHop,
        43 => Ipv6Extensions.Routing,
        44 => Ipv6Extensions.Fragment,
        51 => Ipv6Extensions.Authentication,
        60 => Ipv6Extensions.DestinationOptions,
        135 or 139 or 140 => Ipv6Extensions.Other,
        _ => Ipv6Extensions.None,
    };
}
