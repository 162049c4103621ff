using System.Buffers.Binary;

namespace Sdn.Packets;

public static partial class PacketParser
{
    /// <summary>Reads the upper-layer header; <paramref name="cutShort"/> inside a first fragment, where the message may end early.</summary>
    private static string? ParseTransport(ReadOnlySpan<byte> message, IpProtocol protocol, bool cutShort, bool ipv6, ref PacketSummary s) =>
        protocol switch
        {
            IpProtocol.Udp => ParseUdp(message, cutShort, ref s),
            IpProtocol.Tcp => ParseTcp(message, ref s),
            IpProtocol.Icmp when !ipv6 => ParseIcmp(message, ref s),
            IpProtocol.Icmpv6 when ipv6 => ParseIcmpv6(message, ref s),
            _ => null,
        };

    private static string? ParseUdp(ReadOnlySpan<byte> datagram, bool cutShort, ref PacketSummary s)
    {
        var error = TransportHeaders.TryReadUdp(datagram, cutShort, out var length);
        if (error is null)
        {
            s = WithPorts(s, datagram, PacketLayers.Udp, TransportHeaders.UdpSize, length - TransportHeaders.UdpSize);
        }

        return error;
    }

    private static string? ParseTcp(ReadOnlySpan<byte> segment, ref PacketSummary s)
    {
        var error = TransportHeaders.TryReadTcp(segment, out var headerLength);
        if (error is null)
        {
            s = WithPorts(s, segment, PacketLayers.Tcp, headerLength, segment.Length - headerLength) with { TcpFlags = (TcpFlags)segment[13] };
        }

        return error;
    }

    private static PacketSummary WithPorts(in PacketSummary s, ReadOnlySpan<byte> header, PacketLayers layer, int headerLength, int payloadLength) => s with
    {
        Layers = s.Layers | layer,
        SourcePort = BinaryPrimitives.ReadUInt16BigEndian(header),
        DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
        PayloadOffset = s.PayloadOffset + headerLength,
        PayloadLength = payloadLength,
    };

    private static string? ParseIcmp(ReadOnlySpan<byte> message, ref PacketSummary s)
    {
        var error = TransportHeaders.TryReadIcmp(message);
        if (error is null)
        {
            s = WithIcmp(s, message, PacketLayers.Icmp, TransportHeaders.IcmpSize);
        }

        return error;
    }

    private static string? ParseIcmpv6(ReadOnlySpan<byte> message, ref PacketSummary s)
    {
        var error = TransportHeaders.TryReadIcmpv6(message, out var headerLength);
        if (error is null)
        {
            s = WithIcmp(s, message, PacketLayers.Icmpv6, headerLength);
            if (headerLength == 24)
            {
                s = s with { Layers = s.Layers | PacketLayers.NeighborDiscovery, NdpTarget = IPv6Address.Read(message[8..]) };
            }
        }

        return error;
    }

    private static PacketSummary WithIcmp(in PacketSummary s, ReadOnlySpan<byte> message, PacketLayers layer, int headerLength) => s with
    {
        Layers = s.Layers | layer,
        IcmpType = message[0],
        IcmpCode = message[1],
        PayloadOffset = s.PayloadOffset + headerLength,
        PayloadLength = message.Length - headerLength,
    };
}
