using System.Buffers.Binary;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// Allocation-free reading of an OpenFlow 1.0 PACKET_IN (OpenFlow 1.0.0 §5.4.1): header, buffer_id, total_len,
/// in_port u16, reason, pad, data. The layout is fixed, so it accepts exactly the frames
/// <see cref="OpenFlow10Codec"/> accepts (at least 18 bytes, length as the header says).
/// </summary>
internal static class PacketInParser10
{
    private const int FixedLength = OfpHeader.Size + PacketCodec10.PacketInFixed;

    public static bool TryParse(ReadOnlySpan<byte> frame, out PacketInView view)
    {
        view = default;
        if (frame.Length < FixedLength || frame[0] != (byte)OfpVersion.OpenFlow10 || frame[1] != (byte)MessageType10.PacketIn
            || BinaryPrimitives.ReadUInt16BigEndian(frame[2..]) != frame.Length)
        {
            return false;
        }

        view = new PacketInView(
            frame,
            OfpVersion.OpenFlow10,
            new Xid(BinaryPrimitives.ReadUInt32BigEndian(frame[4..])),
            new BufferId(BinaryPrimitives.ReadUInt32BigEndian(frame[8..])),
            BinaryPrimitives.ReadUInt16BigEndian(frame[12..]),
            (PacketInReason)frame[16],
            0,
            0,
            Port10.FromWire(BinaryPrimitives.ReadUInt16BigEndian(frame[14..])),
            matchOffset: 14,
            matchLength: 0,
            dataOffset: FixedLength);
        return true;
    }
}
