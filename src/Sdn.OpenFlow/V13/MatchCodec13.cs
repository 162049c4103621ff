using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// <c>ofp_match</c> with OXM TLVs (OpenFlow 1.3.5 §7.2.3): type OFPMT_OXM (1), length (4 + OXM bytes, padding
/// excluded), fields, zero padding to a multiple of 8.
/// </summary>
public static class MatchCodec13
{
    private const ushort OxmMatchType = 1;

    /// <summary>Reads a match and its padding.</summary>
    /// <exception cref="OpenFlowDecodeException">BAD_MATCH (type, length, duplicate field) or BAD_LEN.</exception>
    public static Match Read(ref SpanReader r)
    {
        var type = r.ReadU16();
        var length = r.ReadU16();
        if (type != OxmMatchType)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadType, $"match type {type}, only OXM (1) is OpenFlow 1.3");
        }

        if (length < 4)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadLen, $"match length {length} < 4");
        }

        if (length - 4 > r.Remaining)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadLen, $"match length {length} beyond the message");
        }

        var body = r.Sub(length - 4);
        var fields = new List<OxmField>();
        while (body.Remaining > 0)
        {
            var f = ReadOxm(ref body);
            foreach (var existing in fields)
            {
                if (existing.Class == f.Class && existing.Field == f.Field)
                {
                    throw OpenFlowDecodeException.BadMatch(BadMatchCode.DupField, $"duplicate OXM field {f.Class:x4}:{f.Field}");
                }
            }

            fields.Add(f);
        }

        r.Skip(CommonCodec.Pad8(length));
        return fields.Count == 0 ? Match.Any : new Match(ValueArray.From(fields));
    }

    /// <summary>Reads one OXM TLV (no padding).</summary>
    /// <exception cref="OpenFlowDecodeException">BAD_MATCH/BAD_LEN for a length that does not fit the field.</exception>
    public static OxmField ReadOxm(ref SpanReader r)
    {
        if (r.Remaining < 4)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadLen, $"OXM header needs 4 bytes, {r.Remaining} left");
        }

        var h = r.ReadU32();
        var cls = (ushort)(h >> 16);
        var field = (byte)((h >> 9) & 0x7f);
        var hasMask = ((h >> 8) & 1) != 0;
        var len = (int)(h & 0xff);
        if (len > r.Remaining)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadLen, $"OXM {cls:x4}:{field} length {len} beyond the match ({r.Remaining} left)");
        }

        var payload = r.ReadBytes(len);
        var prefix = cls == OxmClass.Experimenter ? 4 : 0;
        if (cls == OxmClass.Experimenter && len < 4)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadLen, $"experimenter OXM length {len} < 4");
        }

        if (cls == OxmClass.OpenFlowBasic && OxmFieldInfo.IsKnown(field))
        {
            var size = OxmFieldInfo.Size((OxmBasicField)field);
            if (len != size * (hasMask ? 2 : 1))
            {
                throw OpenFlowDecodeException.BadMatch(
                    BadMatchCode.BadLen, $"OXM {(OxmBasicField)field} length {len}, expected {size * (hasMask ? 2 : 1)}");
            }
        }

        if (!hasMask)
        {
            return new OxmField(cls, field, ValueArray.Create(payload), default);
        }

        var rest = len - prefix;
        if (rest == 0 || rest % 2 != 0)
        {
            throw OpenFlowDecodeException.BadMatch(BadMatchCode.BadLen, $"masked OXM {cls:x4}:{field} length {len} cannot split into value and mask");
        }

        var valueLen = prefix + (rest / 2);
        return new OxmField(cls, field, ValueArray.Create(payload[..valueLen]), ValueArray.Create(payload[valueLen..]));
    }

    /// <summary>Encoded length of the match in bytes, padding included.</summary>
    public static int Length(Match match)
    {
        var n = UnpaddedLength(match);
        return n + CommonCodec.Pad8(n);
    }

    /// <summary>Writes the match and its padding.</summary>
    public static void Write(ref SpanWriter w, Match match)
    {
        var n = UnpaddedLength(match);
        w.WriteU16(OxmMatchType);
        w.WriteU16((ushort)n);
        foreach (var f in match.Fields)
        {
            WriteOxm(ref w, f);
        }

        w.WriteZeros(CommonCodec.Pad8(n));
    }

    /// <summary>Writes one OXM TLV (no padding).</summary>
    /// <exception cref="OpenFlowEncodeException">Payload longer than 255 bytes.</exception>
    public static void WriteOxm(ref SpanWriter w, OxmField f)
    {
        var len = f.Value.Count + f.Mask.Count;
        if (len > byte.MaxValue)
        {
            throw new OpenFlowEncodeException($"OXM {f} payload of {len} bytes exceeds 255.");
        }

        w.WriteU32(((uint)f.Class << 16) | ((uint)(f.Field & 0x7f) << 9) | (f.HasMask ? 1u << 8 : 0) | (uint)len);
        w.WriteBytes(f.Value.AsSpan());
        w.WriteBytes(f.Mask.AsSpan());
    }

    private static int UnpaddedLength(Match match)
    {
        var n = 4;
        foreach (var f in match.Fields)
        {
            n += f.WireLength;
        }

        return n;
    }
}
