using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// A UDP datagram (RFC 768): source port, destination port, length, checksum (2 bytes each), then data. The checksum
/// covers the pseudo header (RFC 768; RFC 8200 §8.1 for IPv6); a computed zero is sent as 0xffff.
/// </summary>
/// <param name="SourcePort">Source port.</param>
/// <param name="DestinationPort">Destination port.</param>
/// <param name="Payload">Data after the 8-byte header.</param>
public sealed record UdpDatagram(ushort SourcePort, ushort DestinationPort, ReadOnlyMemory<byte> Payload) : TransportPayload
{
    /// <inheritdoc />
    public override IpProtocol Protocol => IpProtocol.Udp;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The datagram would exceed 65535 bytes.</exception>
    public override int Length => Decode.CheckU16Length("A UDP datagram", TransportHeaders.UdpSize + Payload.Length);

    /// <summary>Parses a datagram; the payload is a slice bounded by the length field. The checksum is not checked.</summary>
    /// <exception cref="PacketDecodeException">Fewer than 8 bytes, or a length field less than 8 or beyond the buffer.</exception>
    public static UdpDatagram Parse(ReadOnlyMemory<byte> datagram)
    {
        Decode.ThrowIf(TransportHeaders.TryReadUdp(datagram.Span, false, out var length));
        var span = datagram.Span;
        return new UdpDatagram(BinaryPrimitives.ReadUInt16BigEndian(span), BinaryPrimitives.ReadUInt16BigEndian(span[2..]), datagram[TransportHeaders.UdpSize..length]);
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination, PseudoHeader pseudoHeader)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)destination.Length);
        Payload.Span.CopyTo(destination[TransportHeaders.UdpSize..]);
        if (InternetChecksum.Write(destination, 6, pseudoHeader.Sum(Protocol, destination.Length)) == 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[6..], 0xffff);
        }
    }
}
