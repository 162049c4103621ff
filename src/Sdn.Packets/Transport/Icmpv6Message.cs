using Sdn.OpenFlow;

namespace Sdn.Packets;

/// <summary>
/// An ICMPv6 message (RFC 4443 §2.1): type, code, checksum over the IPv6 pseudo header (§2.3), body. Factories build
/// echo (§4.1, §4.2) and neighbor solicitation/advertisement (RFC 4861 §4.3, §4.4) with a link-layer address option
/// (§4.6.1).
/// </summary>
/// <param name="Type">Message type (128 echo request, 129 echo reply, 135 NS, 136 NA…).</param>
/// <param name="Code">Message code.</param>
/// <param name="Body">Bytes after the checksum.</param>
public sealed record Icmpv6Message(byte Type, byte Code, ReadOnlyMemory<byte> Body) : IcmpMessageBase(Type, Code, Body)
{
    /// <summary>Echo request (RFC 4443 §4.1).</summary>
    public const byte EchoRequestType = 128;

    /// <summary>Echo reply (RFC 4443 §4.2).</summary>
    public const byte EchoReplyType = 129;

    /// <summary>Neighbor solicitation (RFC 4861 §4.3).</summary>
    public const byte NeighborSolicitationType = 135;

    /// <summary>Neighbor advertisement (RFC 4861 §4.4).</summary>
    public const byte NeighborAdvertisementType = 136;

    /// <inheritdoc />
    public override IpProtocol Protocol => IpProtocol.Icmpv6;

    /// <summary>The target address of a neighbor solicitation/advertisement (body bytes 4–19), or null.</summary>
    public IPv6Address? NdpTarget => Type is NeighborSolicitationType or NeighborAdvertisementType && Body.Length >= 20
        ? IPv6Address.Read(Body.Span[4..])
        : null;

    /// <summary>An echo request (type 128, code 0).</summary>
    public static Icmpv6Message EchoRequest(ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> data) =>
        new(EchoRequestType, 0, EchoBody(identifier, sequenceNumber, data));

    /// <summary>An echo reply (type 129, code 0).</summary>
    public static Icmpv6Message EchoReply(ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> data) =>
        new(EchoReplyType, 0, EchoBody(identifier, sequenceNumber, data));

    /// <summary>A neighbor solicitation for <paramref name="target"/>, with a source link-layer address option when given.</summary>
    public static Icmpv6Message NeighborSolicitation(IPv6Address target, MacAddress? sourceLinkLayer) =>
        new(NeighborSolicitationType, 0, NdpBody(0, target, 1, sourceLinkLayer));

    /// <summary>A neighbor advertisement for <paramref name="target"/> with the R, S and O flags, and a target link-layer address option when given.</summary>
    public static Icmpv6Message NeighborAdvertisement(IPv6Address target, MacAddress? targetLinkLayer, bool router, bool solicited, bool overrideFlag) =>
        new(NeighborAdvertisementType, 0, NdpBody((byte)((router ? 0x80 : 0) | (solicited ? 0x40 : 0) | (overrideFlag ? 0x20 : 0)), target, 2, targetLinkLayer));

    /// <summary>Parses a message; the body is a slice of <paramref name="message"/>. The checksum is not checked.</summary>
    /// <exception cref="PacketDecodeException">
    /// Fewer than 4 bytes; echo shorter than 8; neighbor solicitation/advertisement shorter than 24 or with a code other than 0.
    /// </exception>
    public static Icmpv6Message Parse(ReadOnlyMemory<byte> message)
    {
        Decode.ThrowIf(TransportHeaders.TryReadIcmpv6(message.Span, out _));
        return new Icmpv6Message(message.Span[0], message.Span[1], message[4..]);
    }

    private static byte[] NdpBody(byte flags, IPv6Address target, byte optionType, MacAddress? linkLayer)
    {
        var body = new byte[20 + (linkLayer is null ? 0 : 8)];
        body[0] = flags;
        target.Write(body.AsSpan(4));
        if (linkLayer is { } mac)
        {
            body[20] = optionType;
            body[21] = 1; // length in units of 8 bytes
            mac.Write(body.AsSpan(22));
        }

        return body;
    }
}
