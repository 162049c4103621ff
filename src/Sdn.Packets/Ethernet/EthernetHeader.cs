using System.Buffers.Binary;
using Sdn.OpenFlow;

namespace Sdn.Packets;

/// <summary>
/// The decoded Ethernet II header (IEEE 802.3 §3.1.1) with up to two 802.1Q tags (802.1Q-2018 §9.5), shared by
/// <see cref="EthernetFrame"/> and <see cref="PacketParser"/>. A third tag is not unwrapped: its TPID is then the
/// EtherType and decoding stops there.
/// </summary>
internal readonly record struct EthernetHeader(
    MacAddress Destination, MacAddress Source, VlanTag? OuterTag, VlanTag? InnerTag, EtherType EtherType, int Length)
{
    /// <summary>Destination, source and type: 14 bytes.</summary>
    public const int UntaggedSize = 14;

    /// <summary>Reads the header; errors when the frame ends inside it (including inside a tag).</summary>
    public static string? TryRead(ReadOnlySpan<byte> frame, out EthernetHeader header)
    {
        header = default;
        if (frame.Length < UntaggedSize)
        {
            return Decode.Truncated("Ethernet", frame.Length, UntaggedSize);
        }

        var offset = 12;
        var type = (EtherType)BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        VlanTag? outer = null, inner = null;
        for (var tags = 0; tags < 2 && VlanTag.IsTpid(type); tags++)
        {
            if (frame.Length < offset + VlanTag.Size + 2)
            {
                return Decode.Truncated("802.1Q", frame.Length, offset + VlanTag.Size + 2);
            }

            var tag = VlanTag.FromTci(type, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]));
            if (tags == 0)
            {
                outer = tag;
            }
            else
            {
                inner = tag;
            }

            offset += VlanTag.Size;
            type = (EtherType)BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }

        header = new EthernetHeader(MacAddress.Read(frame), MacAddress.Read(frame[6..]), outer, inner, type, offset + 2);
        return null;
    }
}
