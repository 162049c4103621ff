using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// Checks and reads the fixed part of the upper-layer headers, shared by the records' <c>Parse</c> and
/// <see cref="PacketParser"/>. <c>cutShort</c> is true inside a first fragment, where the message may end early.
/// </summary>
internal static class TransportHeaders
{
    /// <summary>UDP header: 8 bytes.</summary>
    public const int UdpSize = 8;

    /// <summary>TCP header without options: 20 bytes.</summary>
    public const int TcpMinimumSize = 20;

    /// <summary>ICMP header (type, code, checksum, rest of header): 8 bytes.</summary>
    public const int IcmpSize = 8;

    /// <summary>UDP (RFC 768): 8 bytes; the length field at least 8 and, unless cut short, within the buffer.</summary>
    public static string? TryReadUdp(ReadOnlySpan<byte> datagram, bool cutShort, out int length)
    {
        length = 0;
        if (datagram.Length < UdpSize)
        {
            return Decode.Truncated("UDP", datagram.Length, UdpSize);
        }

        length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        if (length < UdpSize)
        {
            return Decode.Format($"UDP: length {length} is less than the 8-byte header");
        }

        if (length > datagram.Length)
        {
            if (!cutShort)
            {
                return Decode.Format($"UDP: length {length} exceeds the {datagram.Length} bytes present");
            }

            length = datagram.Length;
        }

        return null;
    }

    /// <summary>TCP (RFC 9293 §3.1): 20 bytes; data offset at least 5 and within the buffer. Returns the header length in bytes.</summary>
    public static string? TryReadTcp(ReadOnlySpan<byte> segment, out int headerLength)
    {
        headerLength = 0;
        if (segment.Length < TcpMinimumSize)
        {
            return Decode.Truncated("TCP", segment.Length, TcpMinimumSize);
        }

        var dataOffset = segment[12] >> 4;
        if (dataOffset < 5)
        {
            return Decode.Format($"TCP: data offset {dataOffset} words (minimum 5)");
        }

        headerLength = dataOffset * 4;
        return segment.Length < headerLength ? Decode.Truncated("TCP", segment.Length, headerLength) : null;
    }

    /// <summary>ICMP (RFC 792): the 8-byte header.</summary>
    public static string? TryReadIcmp(ReadOnlySpan<byte> message) =>
        message.Length < IcmpSize ? Decode.Truncated("ICMP", message.Length, IcmpSize) : null;

    /// <summary>
    /// ICMPv6 (RFC 4443 §2.1): 4 bytes; echo (§4) needs 8; neighbor solicitation/advertisement (RFC 4861 §4.3,
    /// §4.4) need 24 and have code 0. Returns the length of the header read (4, 8 or 24).
    /// </summary>
    public static string? TryReadIcmpv6(ReadOnlySpan<byte> message, out int headerLength)
    {
        headerLength = message.Length < 4 ? 4 : message[0] switch
        {
            Icmpv6Message.EchoRequestType or Icmpv6Message.EchoReplyType => 8,
            Icmpv6Message.NeighborSolicitationType or Icmpv6Message.NeighborAdvertisementType => 24,
            _ => 4,
        };
        if (message.Length < headerLength)
        {
            return Decode.Truncated("ICMPv6", message.Length, headerLength);
        }

        return headerLength == 24 && message[1] != 0 ? Decode.Format($"ICMPv6: neighbor discovery code {message[1]} (must be 0)") : null;
    }
}
