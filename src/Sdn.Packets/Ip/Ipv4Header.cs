using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// The decoded fixed IPv4 header (RFC 791 §3.1), shared by <see cref="Ipv4Packet"/> and <see cref="PacketParser"/>.
/// <see cref="HeaderLength"/> is IHL × 4 bytes (options included); <see cref="FragmentOffset"/> is in 8-byte units.
/// </summary>
internal readonly record struct Ipv4Header(
    byte Tos, ushort TotalLength, ushort Identification, bool DontFragment, bool MoreFragments, ushort FragmentOffset,
    byte Ttl, IpProtocol Protocol, IPv4Address Source, IPv4Address Destination, int HeaderLength)
{
    /// <summary>Size of the header without options: 20 bytes.</summary>
    public const int MinimumSize = 20;

    /// <summary>
    /// Reads and checks the header: at least 20 bytes, version 4, IHL at least 5 and inside the buffer, total length
    /// at least the header length and not beyond the buffer. The checksum is not verified here.
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinimumSize)
        {
            return Decode.Truncated("IPv4", packet.Length, MinimumSize);
        }

        var version = packet[0] >> 4;
        var ihl = packet[0] & 0xf;
        if (version != 4)
        {
            return Decode.Format($"IPv4: version {version} (must be 4)");
        }

        if (ihl < 5)
        {
            return Decode.Format($"IPv4: header length {ihl} words (minimum 5)");
        }

        var headerLength = ihl * 4;
        if (packet.Length < headerLength)
        {
            return Decode.Truncated("IPv4", packet.Length, headerLength);
        }

        var total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (total < headerLength)
        {
            return Decode.Format($"IPv4: total length {total} is less than the header length {headerLength}");
        }

        if (total > packet.Length)
        {
            return Decode.Format($"IPv4: total length {total} exceeds the {packet.Length} bytes present");
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        header = new Ipv4Header(
            packet[1], total, BinaryPrimitives.ReadUInt16BigEndian(packet[4..]),
            (fragment & 0x4000) != 0, (fragment & 0x2000) != 0, (ushort)(fragment & 0x1fff),
            packet[8], (IpProtocol)packet[9], IPv4Address.Read(packet[12..]), IPv4Address.Read(packet[16..]), headerLength);
        return null;
    }
}
