namespace Sdn.Packets;

public static partial class PacketParser
{
    private static string? ParseIPv4(ReadOnlySpan<byte> packet, ref PacketSummary s)
    {
        var error = Ipv4Header.TryRead(packet, out var h);
        if (error is not null)
        {
            return error;
        }

        var later = h.FragmentOffset != 0;
        s = s with
        {
            Layers = s.Layers | PacketLayers.IPv4,
            Ipv4Source = h.Source,
            Ipv4Destination = h.Destination,
            IpProtocol = h.Protocol,
            Dscp = (byte)(h.Tos >> 2),
            Ecn = (byte)(h.Tos & 3),
            Ttl = h.Ttl,
            IsLaterFragment = later,
            PayloadOffset = s.PayloadOffset + h.HeaderLength,
            PayloadLength = h.TotalLength - h.HeaderLength,
        };
        return later ? null : ParseTransport(packet[h.HeaderLength..h.TotalLength], h.Protocol, h.MoreFragments, false, ref s);
    }

    private static string? ParseIPv6(ReadOnlySpan<byte> packet, ref PacketSummary s)
    {
        var error = Ipv6Header.TryRead(packet, out var h);
        if (error is not null)
        {
            return error;
        }

        var payload = packet.Slice(Ipv6Header.Size, h.PayloadLength);
        error = Ipv6UpperLayer.TryFind(payload, h.NextHeader, out var upper);
        if (error is not null)
        {
            return error;
        }

        s = s with
        {
            Layers = s.Layers | PacketLayers.IPv6,
            Ipv6Source = h.Source,
            Ipv6Destination = h.Destination,
            IpProtocol = upper.Protocol,
            Dscp = (byte)(h.TrafficClass >> 2),
            Ecn = (byte)(h.TrafficClass & 3),
            HopLimit = h.HopLimit,
            Ipv6Extensions = upper.Found,
            IsLaterFragment = upper.IsLaterFragment,
            PayloadOffset = s.PayloadOffset + Ipv6Header.Size + upper.Offset,
            PayloadLength = h.PayloadLength - upper.Offset,
        };
        return upper.IsLaterFragment ? null : ParseTransport(payload[upper.Offset..], upper.Protocol, upper.IsFirstFragment, true, ref s);
    }
}
