using System.Buffers.Binary;
using Sdn.OpenFlow;

namespace Sdn.Packets;

/// <summary>
/// An ARP packet for IPv4 over Ethernet (RFC 826, "Packet format"): hardware type 1, protocol type 0x0800, hardware
/// length 6, protocol length 4, opcode, sender MAC/IPv4, target MAC/IPv4 — 28 bytes.
/// </summary>
/// <param name="Operation">Request or reply.</param>
/// <param name="SenderMac">ar$sha.</param>
/// <param name="SenderIp">ar$spa.</param>
/// <param name="TargetMac">ar$tha (zero in a request).</param>
/// <param name="TargetIp">ar$tpa.</param>
public sealed record ArpPacket(ArpOperation Operation, MacAddress SenderMac, IPv4Address SenderIp, MacAddress TargetMac, IPv4Address TargetIp)
    : EtherPayload
{
    /// <summary>Size of an Ethernet/IPv4 ARP packet: 28 bytes.</summary>
    public const int Size = 28;

    /// <summary>Size of the fixed part before the addresses (types, lengths, opcode): 8 bytes.</summary>
    internal const int FixedSize = 8;

    /// <inheritdoc />
    public override EtherType EtherType => EtherType.Arp;

    /// <inheritdoc />
    public override int Length => Size;

    /// <summary>A who-has request for <paramref name="targetIp"/> (target MAC zero).</summary>
    public static ArpPacket Request(MacAddress senderMac, IPv4Address senderIp, IPv4Address targetIp) =>
        new(ArpOperation.Request, senderMac, senderIp, MacAddress.Zero, targetIp);

    /// <summary>The reply to <paramref name="request"/> from the owner of its target address.</summary>
    public static ArpPacket ReplyTo(ArpPacket request, MacAddress ownerMac)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(ArpOperation.Reply, ownerMac, request.TargetIp, request.SenderMac, request.SenderIp);
    }

    /// <summary>Parses an ARP packet (bytes after the EtherType; trailing padding is ignored).</summary>
    /// <exception cref="PacketDecodeException">
    /// Fewer than 28 bytes, lengths other than 6/4, or a hardware/protocol type other than Ethernet/IPv4.
    /// </exception>
    public static ArpPacket Parse(ReadOnlySpan<byte> packet)
    {
        Decode.ThrowIf(TryReadFields(packet, out var isEthernetIPv4, out var f));
        return isEthernetIPv4 ? new ArpPacket(f.Operation, f.SenderMac, f.SenderIp, f.TargetMac, f.TargetIp) : throw new PacketDecodeException(Decode.Format(
            $"ARP: hardware type {BinaryPrimitives.ReadUInt16BigEndian(packet)}, protocol type 0x{BinaryPrimitives.ReadUInt16BigEndian(packet[2..]):x4} is not Ethernet/IPv4"));
    }

    /// <summary>
    /// Reads an ARP packet without allocating: an error for truncation or address lengths that contradict
    /// Ethernet/IPv4 types; no error and <paramref name="isEthernetIPv4"/> false for other hardware/protocol types
    /// (carried as opaque payload).
    /// </summary>
    internal static string? TryReadFields(ReadOnlySpan<byte> packet, out bool isEthernetIPv4, out ArpFields fields)
    {
        isEthernetIPv4 = false;
        fields = default;
        if (packet.Length < FixedSize)
        {
            return Decode.Truncated("ARP", packet.Length, FixedSize);
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(packet) != 1 || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != (ushort)EtherType.IPv4)
        {
            return null;
        }

        if (packet[4] != 6 || packet[5] != 4)
        {
            return Decode.Format($"ARP: Ethernet/IPv4 needs address lengths 6/4, packet says {packet[4]}/{packet[5]}");
        }

        if (packet.Length < Size)
        {
            return Decode.Truncated("ARP", packet.Length, Size);
        }

        isEthernetIPv4 = true;
        fields = new ArpFields(
            (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(packet[6..]),
            MacAddress.Read(packet[8..]), IPv4Address.Read(packet[14..]),
            MacAddress.Read(packet[18..]), IPv4Address.Read(packet[24..]));
        return null;
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)EtherType.IPv4);
        destination[4] = 6;
        destination[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)Operation);
        SenderMac.Write(destination[8..]);
        SenderIp.Write(destination[14..]);
        TargetMac.Write(destination[18..]);
        TargetIp.Write(destination[24..]);
    }
}

/// <summary>The address fields of an Ethernet/IPv4 ARP packet, read without allocating.</summary>
internal readonly record struct ArpFields(
    ArpOperation Operation, MacAddress SenderMac, IPv4Address SenderIp, MacAddress TargetMac, IPv4Address TargetIp);
