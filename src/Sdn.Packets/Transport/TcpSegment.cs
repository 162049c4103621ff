using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// A TCP segment (RFC 9293 §3.1): ports, sequence and acknowledgment numbers, data offset, control bits, window,
/// checksum (over the pseudo header), urgent pointer, <see cref="Options"/> (a multiple of 4 bytes, at most 40), data.
/// The reserved bits are written as zero and dropped on parse.
/// </summary>
/// <param name="SourcePort">Source port.</param>
/// <param name="DestinationPort">Destination port.</param>
/// <param name="SequenceNumber">Sequence number.</param>
/// <param name="AcknowledgmentNumber">Acknowledgment number.</param>
/// <param name="Flags">Control bits.</param>
/// <param name="Window">Receive window, in bytes (before any window scaling).</param>
/// <param name="Payload">Data after the header.</param>
public sealed record TcpSegment(
    ushort SourcePort, ushort DestinationPort, uint SequenceNumber, uint AcknowledgmentNumber, TcpFlags Flags, ushort Window, ReadOnlyMemory<byte> Payload)
    : TransportPayload
{
    /// <summary>Urgent pointer.</summary>
    public ushort UrgentPointer { get; init; }

    /// <summary>Options, raw, a multiple of 4 bytes and at most 40 (padding included).</summary>
    public ReadOnlyMemory<byte> Options { get; init; }

    /// <inheritdoc />
    public override IpProtocol Protocol => IpProtocol.Tcp;

    /// <summary>Header size in bytes: 20 + options.</summary>
    /// <exception cref="ArgumentException">Options are not a multiple of 4 bytes or longer than 40.</exception>
    public int HeaderLength => Options.Length % 4 == 0 && Options.Length <= 40
        ? TransportHeaders.TcpMinimumSize + Options.Length
        : throw new ArgumentException($"TCP options must be a multiple of 4 bytes, at most 40; got {Options.Length}.");

    /// <inheritdoc />
    public override int Length => HeaderLength + Payload.Length;

    /// <summary>Parses a segment; options and data are slices of <paramref name="segment"/>. The checksum is not checked.</summary>
    /// <exception cref="PacketDecodeException">Fewer than 20 bytes, or a data offset less than 5 or beyond the buffer.</exception>
    public static TcpSegment Parse(ReadOnlyMemory<byte> segment)
    {
        Decode.ThrowIf(TransportHeaders.TryReadTcp(segment.Span, out var headerLength));
        var s = segment.Span;
        return new TcpSegment(
            BinaryPrimitives.ReadUInt16BigEndian(s), BinaryPrimitives.ReadUInt16BigEndian(s[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(s[4..]), BinaryPrimitives.ReadUInt32BigEndian(s[8..]),
            (TcpFlags)s[13], BinaryPrimitives.ReadUInt16BigEndian(s[14..]), segment[headerLength..])
        {
            UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(s[18..]),
            Options = segment[TransportHeaders.TcpMinimumSize..headerLength],
        };
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination, PseudoHeader pseudoHeader)
    {
        var headerLength = HeaderLength;
        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], AcknowledgmentNumber);
        destination[12] = (byte)((headerLength / 4) << 4);
        destination[13] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], Window);
        BinaryPrimitives.WriteUInt16BigEndian(destination[18..], UrgentPointer);
        Options.Span.CopyTo(destination[TransportHeaders.TcpMinimumSize..]);
        Payload.Span.CopyTo(destination[headerLength..]);
        InternetChecksum.Write(destination, 16, pseudoHeader.Sum(Protocol, destination.Length));
    }
}
