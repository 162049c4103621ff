using System.Buffers.Binary;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// Allocation-free reading of an OpenFlow 1.3 PACKET_IN (OpenFlow 1.3.5 §7.4.1): header, buffer_id, total_len,
/// reason, table_id, cookie, ofp_match (OXM), 2 bytes of padding, data. Checks what <see cref="MatchCodec13"/>
/// checks (match type and length, each OXM length, basic-field sizes, no duplicate field), so it accepts exactly
/// the frames the full decoder accepts (up to 32 OXM fields; more are left to the full decoder).
/// </summary>
internal static class PacketInParser13
{
    private const int FixedLength = OfpHeader.Size + 16;
    private const int MaxFields = 32;

    public static bool TryParse(ReadOnlySpan<byte> frame, out PacketInView view)
    {
        view = default;
        if (frame.Length < FixedLength + 4 + 2 || frame[0] != (byte)OfpVersion.OpenFlow13 || frame[1] != (byte)MessageType13.PacketIn
            || BinaryPrimitives.ReadUInt16BigEndian(frame[2..]) != frame.Length)
        {
            return false;
        }

        var matchType = BinaryPrimitives.ReadUInt16BigEndian(frame[FixedLength..]);
        var matchLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(FixedLength + 2)..]);
        var paddedMatch = matchLength + CommonCodec.Pad8(matchLength);
        if (matchType != 1 || matchLength < 4 || FixedLength + paddedMatch + 2 > frame.Length)
        {
            return false;
        }

        var inPort = PortNumber.Any;
        Span<uint> seen = stackalloc uint[MaxFields];
        var count = 0;
        var oxms = frame.Slice(FixedLength + 4, matchLength - 4);
        while (!oxms.IsEmpty)
        {
            if (oxms.Length < 4)
            {
                return false;
            }

            var h = BinaryPrimitives.ReadUInt32BigEndian(oxms);
            var cls = (ushort)(h >> 16);
            var field = (byte)((h >> 9) & 0x7f);
            var hasMask = ((h >> 8) & 1) != 0;
            var len = (int)(h & 0xff);
            if (4 + len > oxms.Length || !LengthIsValid(cls, field, hasMask, len))
            {
                return false;
            }

            var key = ((uint)cls << 8) | field;
            if (seen[..count].Contains(key) || count == MaxFields)
            {
                return false; // duplicate field (BAD_MATCH/DUP_FIELD), or more fields than the fast path tracks
            }

            seen[count++] = key;
            if (cls == OxmClass.OpenFlowBasic && field == (byte)OxmBasicField.InPort && !hasMask)
            {
                inPort = new PortNumber(BinaryPrimitives.ReadUInt32BigEndian(oxms[4..]));
            }

            oxms = oxms[(4 + len)..];
        }

        view = new PacketInView(
            frame,
            OfpVersion.OpenFlow13,
            new Xid(BinaryPrimitives.ReadUInt32BigEndian(frame[4..])),
            new BufferId(BinaryPrimitives.ReadUInt32BigEndian(frame[8..])),
            BinaryPrimitives.ReadUInt16BigEndian(frame[12..]),
            (PacketInReason)frame[14],
            frame[15],
            BinaryPrimitives.ReadUInt64BigEndian(frame[16..]),
            inPort,
            FixedLength,
            matchLength,
            FixedLength + paddedMatch + 2);
        return true;
    }

    /// <summary>The same length rules as <see cref="MatchCodec13.ReadOxm"/>.</summary>
    private static bool LengthIsValid(ushort cls, byte field, bool hasMask, int len)
    {
        if (cls == OxmClass.OpenFlowBasic && OxmFieldInfo.IsKnown(field))
        {
            return len == OxmFieldInfo.Size((OxmBasicField)field) * (hasMask ? 2 : 1);
        }

        var prefix = cls == OxmClass.Experimenter ? 4 : 0;
        if (len < prefix)
        {
            return false;
        }

        var rest = len - prefix;
        return !hasMask || (rest != 0 && rest % 2 == 0);
    }
}
