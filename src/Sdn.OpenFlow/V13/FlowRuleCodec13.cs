using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// Writes <see cref="FlowRule"/> as an OpenFlow 1.3 FLOW_MOD (§7.3.4.1) and <see cref="PacketOutSpec"/> as a
/// PACKET_OUT (§7.3.7) without allocating; the bytes equal those of the equivalent records.
/// </summary>
internal static class FlowRuleCodec13
{
    private const int FlowModFixed = OfpHeader.Size + 40;
    private const int ApplyOutputLength = 8 + 16;
    private const int PacketOutFixed = OfpHeader.Size + 16;

    public static int Length(in FlowRule rule)
    {
        var match = rule.Match;
        return TotalLength(rule, MatchLength(match));
    }

    public static int Write(in FlowRule rule, Xid xid, Span<byte> destination)
    {
        var match = rule.Match; // one copy of the match, one length computation
        var matchLength = MatchLength(match);
        var length = TotalLength(rule, matchLength);
        new OfpHeader((byte)OfpVersion.OpenFlow13, (byte)MessageType13.FlowMod, (ushort)length, xid).Write(destination);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        w.WriteU64(rule.Cookie);
        w.WriteU64(rule.CookieMask);
        w.WriteU8(rule.TableId);
        w.WriteU8((byte)rule.Command);
        w.WriteU16(rule.IdleTimeout);
        w.WriteU16(rule.HardTimeout);
        w.WriteU16(rule.Priority);
        w.WriteU32(rule.BufferId.Value);
        w.WriteU32(rule.OutPort.Value);
        w.WriteU32(rule.OutGroup.Value);
        w.WriteU16((ushort)rule.Flags);
        w.WriteZeros(2);
        WriteMatch(ref w, match, matchLength);
        if (rule.Output is { } port)
        {
            w.WriteU16(4); // OFPIT_APPLY_ACTIONS
            w.WriteU16(ApplyOutputLength);
            w.WriteZeros(4);
            WriteOutput(ref w, port, rule.OutputMaxLength);
        }

        return length;
    }

    public static int Length(in PacketOutSpec p) => PacketOutFixed + 16 + p.Data.Length;

    public static int Write(in PacketOutSpec p, Xid xid, Span<byte> destination)
    {
        var length = Length(p);
        new OfpHeader((byte)OfpVersion.OpenFlow13, (byte)MessageType13.PacketOut, (ushort)length, xid).Write(destination);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        w.WriteU32(p.BufferId.Value);
        w.WriteU32(p.InPort.Value);
        w.WriteU16(16);
        w.WriteZeros(6);
        WriteOutput(ref w, p.Output, p.OutputMaxLength);
        w.WriteBytes(p.Data);
        return length;
    }

    private static void WriteOutput(ref SpanWriter w, PortNumber port, ushort maxLength)
    {
        w.WriteU16(0); // OFPAT_OUTPUT
        w.WriteU16(16);
        w.WriteU32(port.Value);
        w.WriteU16(maxLength);
        w.WriteZeros(6);
    }

    private static int MatchLength(in FlowMatch m) =>
        4 + (m.InPort is null ? 0 : 8) + (m.EthDst is null ? 0 : 10) + (m.EthSrc is null ? 0 : 10) + (m.EthType is null ? 0 : 6)
        + (m.VlanVid is null ? 0 : 6) + (m.IpProto is null ? 0 : 5) + (m.Ipv4Src is null ? 0 : 8) + (m.Ipv4Dst is null ? 0 : 8);

    private static int TotalLength(in FlowRule rule, int matchLength) =>
        FlowModFixed + matchLength + CommonCodec.Pad8(matchLength) + (rule.Output is null ? 0 : ApplyOutputLength);

    private static void WriteMatch(ref SpanWriter w, in FlowMatch m, int length)
    {
        w.WriteU16(1); // OFPMT_OXM
        w.WriteU16((ushort)length);
        if (m.InPort is { } inPort)
        {
            Oxm(ref w, OxmBasicField.InPort, 4);
            w.WriteU32(inPort.Value);
        }

        if (m.EthDst is { } dst)
        {
            Oxm(ref w, OxmBasicField.EthDst, 6);
            w.WriteMac(dst);
        }

        if (m.EthSrc is { } src)
        {
            Oxm(ref w, OxmBasicField.EthSrc, 6);
            w.WriteMac(src);
        }

        if (m.EthType is { } type)
        {
            Oxm(ref w, OxmBasicField.EthType, 2);
            w.WriteU16(type);
        }

        if (m.VlanVid is { } vid)
        {
            Oxm(ref w, OxmBasicField.VlanVid, 2);
            w.WriteU16((ushort)(vid | Matching.OxmField.VlanPresent));
        }

        if (m.IpProto is { } proto)
        {
            Oxm(ref w, OxmBasicField.IpProto, 1);
            w.WriteU8(proto);
        }

        if (m.Ipv4Src is { } ipSrc)
        {
            Oxm(ref w, OxmBasicField.Ipv4Src, 4);
            w.WriteU32(ipSrc);
        }

        if (m.Ipv4Dst is { } ipDst)
        {
            Oxm(ref w, OxmBasicField.Ipv4Dst, 4);
            w.WriteU32(ipDst);
        }

        w.WriteZeros(CommonCodec.Pad8(length));
    }

    private static void Oxm(ref SpanWriter w, OxmBasicField field, int length) =>
        w.WriteU32(((uint)OxmClass.OpenFlowBasic << 16) | ((uint)field << 9) | (uint)length);
}
