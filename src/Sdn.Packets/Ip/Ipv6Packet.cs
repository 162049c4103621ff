using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// An IPv6 packet (RFC 8200 §3): 40-byte fixed header, then the payload (extension headers, if any, and the
/// upper-layer message), at most 65535 bytes of payload. <see cref="NextHeader"/> is the header directly after the
/// fixed header; <see cref="FindUpperLayer"/> skips extension headers (§4).
/// </summary>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
/// <param name="NextHeader">Type of the header after the fixed header.</param>
/// <param name="Payload">Bytes after the fixed header; on parse, bounded by the payload length (Ethernet padding dropped).</param>
public sealed record Ipv6Packet(IPv6Address Source, IPv6Address Destination, IpProtocol NextHeader, ReadOnlyMemory<byte> Payload)
    : EtherPayload
{
    /// <summary>Traffic class (RFC 8200 §7): DSCP in the upper 6 bits, ECN in the lower 2.</summary>
    public byte TrafficClass { get; init; }

    /// <summary>Flow label, 20 bits (RFC 8200 §6).</summary>
    public uint FlowLabel { get; init; }

    /// <summary>Hop limit; 64 unless set.</summary>
    public byte HopLimit { get; init; } = 64;

    /// <inheritdoc />
    public override EtherType EtherType => EtherType.IPv6;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The payload exceeds 65535 bytes (jumbograms are not supported).</exception>
    public override int Length => Ipv6Header.Size + Decode.CheckU16Length("An IPv6 payload", Payload.Length);

    /// <summary>The pseudo header for this packet's addresses (RFC 8200 §8.1).</summary>
    public PseudoHeader PseudoHeader => PseudoHeader.ForIPv6(Source, Destination);

    /// <summary>A packet carrying <paramref name="payload"/> directly, written now with its checksum over the IPv6 pseudo header.</summary>
    public static Ipv6Packet Carrying(IPv6Address source, IPv6Address destination, TransportPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new Ipv6Packet(source, destination, payload.Protocol, payload.ToArray(PseudoHeader.ForIPv6(source, destination)));
    }

    /// <summary>Parses a packet; the payload is a slice of <paramref name="packet"/>.</summary>
    /// <exception cref="PacketDecodeException">Fewer than 40 bytes, version not 6, or payload length beyond the buffer.</exception>
    public static Ipv6Packet Parse(ReadOnlyMemory<byte> packet)
    {
        Decode.ThrowIf(Ipv6Header.TryRead(packet.Span, out var h));
        return new Ipv6Packet(h.Source, h.Destination, h.NextHeader, packet.Slice(Ipv6Header.Size, h.PayloadLength))
        {
            TrafficClass = h.TrafficClass,
            FlowLabel = h.FlowLabel,
            HopLimit = h.HopLimit,
        };
    }

    /// <summary>
    /// Skips the extension headers: the upper-layer protocol and its bytes (empty after a non-first fragment), and the
    /// extension headers found.
    /// </summary>
    /// <exception cref="PacketDecodeException">An extension header runs past the payload, or hop-by-hop is not first.</exception>
    public Ipv6Extensions FindUpperLayer(out IpProtocol protocol, out ReadOnlyMemory<byte> upperLayer)
    {
        Decode.ThrowIf(Ipv6UpperLayer.TryFind(Payload.Span, NextHeader, out var found));
        protocol = found.Protocol;
        upperLayer = found.IsLaterFragment ? ReadOnlyMemory<byte>.Empty : Payload[found.Offset..];
        return found.Found;
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (6u << 28) | ((uint)TrafficClass << 20) | (FlowLabel & 0xfffff));
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)Payload.Length);
        destination[6] = (byte)NextHeader;
        destination[7] = HopLimit;
        Source.Write(destination[8..]);
        Destination.Write(destination[24..]);
        Payload.Span.CopyTo(destination[Ipv6Header.Size..]);
    }
}
