using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// The layout ICMP (RFC 792) and ICMPv6 (RFC 4443 §2.1) share: type, code, checksum (1, 1, 2 bytes), then the body.
/// ICMP's checksum covers the message only; ICMPv6's also covers the IPv6 pseudo header (RFC 4443 §2.3).
/// </summary>
/// <param name="Type">Message type.</param>
/// <param name="Code">Message code.</param>
/// <param name="Body">Bytes after the checksum (for echo: identifier, sequence number, data).</param>
public abstract record IcmpMessageBase(byte Type, byte Code, ReadOnlyMemory<byte> Body) : TransportPayload
{
    /// <inheritdoc />
    public override int Length => 4 + Body.Length;

    /// <summary>Echo identifier (the first 2 body bytes); 0 when the body is shorter.</summary>
    public ushort Identifier => Body.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Body.Span) : (ushort)0;

    /// <summary>Echo sequence number (body bytes 2–3); 0 when the body is shorter.</summary>
    public ushort SequenceNumber => Body.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(Body.Span[2..]) : (ushort)0;

    /// <summary>An echo body: identifier, sequence number (2 bytes each), data.</summary>
    internal static byte[] EchoBody(ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> data)
    {
        var body = new byte[4 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(body, identifier);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), sequenceNumber);
        data.CopyTo(body.AsSpan(4));
        return body;
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination, PseudoHeader pseudoHeader)
    {
        destination[0] = Type;
        destination[1] = Code;
        Body.Span.CopyTo(destination[4..]);
        InternetChecksum.Write(destination, 2, pseudoHeader.Sum(Protocol, destination.Length));
    }
}
