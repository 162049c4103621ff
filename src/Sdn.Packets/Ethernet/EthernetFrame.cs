using System.Buffers.Binary;
using Sdn.OpenFlow;

namespace Sdn.Packets;

/// <summary>
/// An Ethernet II frame without FCS (IEEE 802.3 §3.1.1): destination MAC (6 bytes), source MAC (6), optional
/// 802.1Q tags (4 each, 802.1Q-2018 §9.5; <see cref="InnerTag"/> needs <see cref="OuterTag"/>), EtherType (2),
/// payload. Written frames are zero-padded to <see cref="MinimumLength"/> (60 bytes, the 64-byte minimum less FCS).
/// </summary>
/// <param name="Destination">Destination MAC address.</param>
/// <param name="Source">Source MAC address.</param>
/// <param name="EtherType">Type of the payload (after any tags).</param>
/// <param name="Payload">Bytes after the EtherType; on parse this includes any padding.</param>
public sealed record EthernetFrame(MacAddress Destination, MacAddress Source, EtherType EtherType, ReadOnlyMemory<byte> Payload)
    : WireRecord
{
    /// <summary>Minimum frame length without FCS: 60 bytes.</summary>
    public const int MinimumLength = 60;

    /// <summary>Outer tag (first after the source MAC), or null for an untagged frame.</summary>
    public VlanTag? OuterTag { get; init; }

    /// <summary>Inner tag of a stacked (Q-in-Q) pair; ignored unless <see cref="OuterTag"/> is set.</summary>
    public VlanTag? InnerTag { get; init; }

    /// <summary>Header size in bytes: 14, plus 4 per tag.</summary>
    public int HeaderLength => EthernetHeader.UntaggedSize + (OuterTag is null ? 0 : VlanTag.Size + (InnerTag is null ? 0 : VlanTag.Size));

    /// <inheritdoc />
    public override int Length => Math.Max(MinimumLength, HeaderLength + Payload.Length);

    /// <summary>A frame carrying <paramref name="payload"/>, its EtherType taken from the payload and its bytes written now.</summary>
    public static EthernetFrame Carrying(MacAddress destination, MacAddress source, EtherPayload payload, VlanTag? tag = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new EthernetFrame(destination, source, payload.EtherType, payload.ToArray()) { OuterTag = tag };
    }

    /// <summary>Parses a frame; the payload is a slice of <paramref name="frame"/> (no copy).</summary>
    /// <exception cref="PacketDecodeException">The frame is shorter than its header (14 bytes, plus 4 per tag).</exception>
    public static EthernetFrame Parse(ReadOnlyMemory<byte> frame)
    {
        Decode.ThrowIf(EthernetHeader.TryRead(frame.Span, out var h));
        return new EthernetFrame(h.Destination, h.Source, h.EtherType, frame[h.Length..]) { OuterTag = h.OuterTag, InnerTag = h.InnerTag };
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination)
    {
        Destination.Write(destination);
        Source.Write(destination[6..]);
        var offset = 12;
        if (OuterTag is { } outer)
        {
            offset = WriteTag(destination, offset, outer);
            if (InnerTag is { } inner)
            {
                offset = WriteTag(destination, offset, inner);
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)EtherType);
        Payload.Span.CopyTo(destination[(offset + 2)..]);
        destination[(offset + 2 + Payload.Length)..].Clear();
    }

    private static int WriteTag(Span<byte> destination, int offset, VlanTag tag)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)tag.Tpid);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], tag.Tci);
        return offset + VlanTag.Size;
    }
}
