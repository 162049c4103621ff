namespace Sdn.Packets;

/// <summary>
/// An ICMP message for IPv4 (RFC 792): 8-byte header (type, code, checksum, 4 bytes that depend on the type) and
/// data. The checksum covers the message only, so the pseudo header passed to writers is ignored.
/// </summary>
/// <param name="Type">Message type (0 echo reply, 3 destination unreachable, 8 echo request, 11 time exceeded…).</param>
/// <param name="Code">Message code.</param>
/// <param name="Body">Bytes after the checksum: at least the 4 rest-of-header bytes on parse.</param>
public sealed record IcmpMessage(byte Type, byte Code, ReadOnlyMemory<byte> Body) : IcmpMessageBase(Type, Code, Body)
{
    /// <summary>Echo reply type (RFC 792, "Echo or Echo Reply Message").</summary>
    public const byte EchoReplyType = 0;

    /// <summary>Echo request type.</summary>
    public const byte EchoRequestType = 8;

    /// <inheritdoc />
    public override IpProtocol Protocol => IpProtocol.Icmp;

    /// <summary>An echo request (type 8, code 0).</summary>
    public static IcmpMessage EchoRequest(ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> data) =>
        new(EchoRequestType, 0, EchoBody(identifier, sequenceNumber, data));

    /// <summary>An echo reply (type 0, code 0).</summary>
    public static IcmpMessage EchoReply(ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> data) =>
        new(EchoReplyType, 0, EchoBody(identifier, sequenceNumber, data));

    /// <summary>The wire image (no pseudo header for ICMP).</summary>
    public byte[] ToArray() => ToArray(default);

    /// <summary>Parses a message; the body is a slice of <paramref name="message"/>. The checksum is not checked.</summary>
    /// <exception cref="PacketDecodeException">Fewer than 8 bytes.</exception>
    public static IcmpMessage Parse(ReadOnlyMemory<byte> message)
    {
        Decode.ThrowIf(TransportHeaders.TryReadIcmp(message.Span));
        return new IcmpMessage(message.Span[0], message.Span[1], message[4..]);
    }
}
