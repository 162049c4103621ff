namespace Sdn.Packets;

/// <summary>
/// Allocation-free parse of a whole Ethernet frame (no FCS) into a <see cref="PacketSummary"/>, for the controller's
/// packet-in path. Decodes Ethernet II and up to two 802.1Q tags, then ARP, LLDP, IPv4, IPv6 (with extension
/// headers), ICMP, ICMPv6 (with neighbor discovery target), TCP and UDP.
/// <para>
/// Errors (truncation, impossible lengths, malformed LLDP) are reported for any header that a lower layer announced:
/// a frame cut anywhere inside a header or inside an IP packet (IPv4 total length, IPv6 payload length) is malformed.
/// Unknown EtherTypes and protocols, non-first fragments and non-Ethernet/IPv4 ARP are not errors: the summary ends
/// at the last known layer. Bytes after the IP packet (Ethernet padding) are ignored.
/// </para>
/// </summary>
public static partial class PacketParser
{
    /// <summary>Parses <paramref name="frame"/>; false when it is malformed (then <paramref name="summary"/> is default).</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out PacketSummary summary) => TryParse(frame, out summary, out _);

    /// <summary>Parses <paramref name="frame"/>; false with a message naming the header and the problem when it is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out PacketSummary summary, out string? error)
    {
        error = ParseEthernet(frame, out summary);
        if (error is not null)
        {
            summary = default;
            return false;
        }

        return true;
    }

    /// <summary>Parses <paramref name="frame"/>.</summary>
    /// <exception cref="PacketDecodeException">The frame is malformed; the message names the header and the problem.</exception>
    public static PacketSummary Parse(ReadOnlySpan<byte> frame)
    {
        Decode.ThrowIf(ParseEthernet(frame, out var summary));
        return summary;
    }

    private static string? ParseEthernet(ReadOnlySpan<byte> frame, out PacketSummary s)
    {
        s = default;
        var error = EthernetHeader.TryRead(frame, out var eth);
        if (error is not null)
        {
            return error;
        }

        var layers = PacketLayers.Ethernet
            | (eth.OuterTag is null ? 0 : PacketLayers.Vlan)
            | (eth.InnerTag is null ? 0 : PacketLayers.StackedVlan);
        s = new PacketSummary
        {
            Layers = layers,
            EthDestination = eth.Destination,
            EthSource = eth.Source,
            OuterVlan = eth.OuterTag,
            InnerVlan = eth.InnerTag,
            EtherType = eth.EtherType,
            PayloadOffset = eth.Length,
            PayloadLength = frame.Length - eth.Length,
        };
        var payload = frame[eth.Length..];
        return eth.EtherType switch
        {
            EtherType.Arp => ParseArp(payload, ref s),
            EtherType.Lldp => ParseLldp(payload, ref s),
            EtherType.IPv4 => ParseIPv4(payload, ref s),
            EtherType.IPv6 => ParseIPv6(payload, ref s),
            _ => null,
        };
    }

    private static string? ParseArp(ReadOnlySpan<byte> packet, ref PacketSummary s)
    {
        var error = ArpPacket.TryReadFields(packet, out var isEthernetIPv4, out var arp);
        if (error is null && isEthernetIPv4)
        {
            s = s with
            {
                Layers = s.Layers | PacketLayers.Arp,
                ArpOperation = arp.Operation,
                ArpSenderMac = arp.SenderMac,
                ArpSenderIp = arp.SenderIp,
                ArpTargetMac = arp.TargetMac,
                ArpTargetIp = arp.TargetIp,
                PayloadOffset = s.PayloadOffset + ArpPacket.Size,
                PayloadLength = packet.Length - ArpPacket.Size,
            };
        }

        return error;
    }

    private static string? ParseLldp(ReadOnlySpan<byte> pdu, ref PacketSummary s)
    {
        var error = LldpPdu.TryRead(pdu, out var layout);
        if (error is null)
        {
            s = s with
            {
                Layers = s.Layers | PacketLayers.Lldp,
                PayloadOffset = s.PayloadOffset + layout.OptionalEnd + 2,
                PayloadLength = pdu.Length - layout.OptionalEnd - 2,
            };
        }

        return error;
    }
}
