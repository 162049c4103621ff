using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// An IPv4 packet (RFC 791 §3.1): 20-byte header plus <see cref="Options"/> (a multiple of 4 bytes, at most 40),
/// then the payload; at most 65535 bytes in all. The header checksum is computed on write.
/// </summary>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
/// <param name="Protocol">Protocol of the payload.</param>
/// <param name="Payload">Bytes after the header; on parse, bounded by the total length (Ethernet padding dropped).</param>
public sealed record Ipv4Packet(IPv4Address Source, IPv4Address Destination, IpProtocol Protocol, ReadOnlyMemory<byte> Payload)
    : EtherPayload
{
    /// <summary>Differentiated services code point, 0–63 (RFC 2474 §3): the upper 6 bits of the TOS byte.</summary>
    public byte Dscp { get; init; }

    /// <summary>ECN bits, 0–3 (RFC 3168 §5): the lower 2 bits of the TOS byte.</summary>
    public byte Ecn { get; init; }

    /// <summary>Identification, for reassembly.</summary>
    public ushort Identification { get; init; }

    /// <summary>The DF flag.</summary>
    public bool DontFragment { get; init; }

    /// <summary>The MF flag.</summary>
    public bool MoreFragments { get; init; }

    /// <summary>Fragment offset in 8-byte units, 0–8191.</summary>
    public ushort FragmentOffset { get; init; }

    /// <summary>Time to live (hops); 64 unless set.</summary>
    public byte Ttl { get; init; } = 64;

    /// <summary>Header options, raw, a multiple of 4 bytes and at most 40 (padding included).</summary>
    public ReadOnlyMemory<byte> Options { get; init; }

    /// <summary>Header size in bytes: 20 + options.</summary>
    /// <exception cref="ArgumentException">Options are not a multiple of 4 bytes or longer than 40.</exception>
    public int HeaderLength => Options.Length % 4 == 0 && Options.Length <= 40
        ? Ipv4Header.MinimumSize + Options.Length
        : throw new ArgumentException($"IPv4 options must be a multiple of 4 bytes, at most 40; got {Options.Length}.");

    /// <inheritdoc />
    public override EtherType EtherType => EtherType.IPv4;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The packet would exceed 65535 bytes.</exception>
    public override int Length => Decode.CheckU16Length("An IPv4 packet", HeaderLength + Payload.Length);

    /// <summary>A packet carrying <paramref name="payload"/>, written now with its checksum over the IPv4 pseudo header.</summary>
    public static Ipv4Packet Carrying(IPv4Address source, IPv4Address destination, TransportPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new Ipv4Packet(source, destination, payload.Protocol, payload.ToArray(PseudoHeader.ForIPv4(source, destination)));
    }

    /// <summary>The pseudo header for this packet's addresses.</summary>
    public PseudoHeader PseudoHeader => PseudoHeader.ForIPv4(Source, Destination);

    /// <summary>Parses a packet; options and payload are slices of <paramref name="packet"/>. The checksum is not checked (see <see cref="InternetChecksum.IsValid(ReadOnlySpan{byte})"/>).</summary>
    /// <exception cref="PacketDecodeException">
    /// Fewer than 20 bytes, version not 4, IHL less than 5 or past the buffer, total length less than the header or
    /// beyond the buffer.
    /// </exception>
    public static Ipv4Packet Parse(ReadOnlyMemory<byte> packet)
    {
        Decode.ThrowIf(Ipv4Header.TryRead(packet.Span, out var h));
        return new Ipv4Packet(h.Source, h.Destination, h.Protocol, packet[h.HeaderLength..h.TotalLength])
        {
            Dscp = (byte)(h.Tos >> 2),
            Ecn = (byte)(h.Tos & 3),
            Identification = h.Identification,
            DontFragment = h.DontFragment,
            MoreFragments = h.MoreFragments,
            FragmentOffset = h.FragmentOffset,
            Ttl = h.Ttl,
            Options = packet[Ipv4Header.MinimumSize..h.HeaderLength],
        };
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination)
    {
        var headerLength = HeaderLength;
        destination[0] = (byte)(0x40 | (headerLength / 4));
        destination[1] = (byte)((Dscp << 2) | (Ecn & 3));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)destination.Length);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Identification);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)((DontFragment ? 0x4000 : 0) | (MoreFragments ? 0x2000 : 0) | (FragmentOffset & 0x1fff)));
        destination[8] = Ttl;
        destination[9] = (byte)Protocol;
        Source.Write(destination[12..]);
        Destination.Write(destination[16..]);
        Options.Span.CopyTo(destination[Ipv4Header.MinimumSize..]);
        InternetChecksum.Write(destination[..headerLength], 10, 0);
        Payload.Span.CopyTo(destination[headerLength..]);
    }
}
