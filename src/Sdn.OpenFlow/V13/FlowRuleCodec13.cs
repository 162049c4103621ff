using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Wire;
using static Sdn.OpenFlow.Wire.FixedOffsets;

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

    public static int Length(in FlowRule rule) => TotalLength(rule, MatchLength(rule.MatchRef));

    public static int Write(in FlowRule rule, Xid xid, Span<byte> destination)
    {
        ref readonly var match = ref rule.MatchRef; // in place: no copy of the match (FlowRule.MatchRef)
        var matchLength = MatchLength(match);
        var length = TotalLength(rule, matchLength);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Need {length} bytes, have {destination.Length}.", nameof(destination));
        }

        // Header and the fixed part at fixed offsets (one bounds check above, none per field).
        ref var b = ref MemoryMarshal.GetReference(destination);
        new OfpHeader((byte)OfpVersion.OpenFlow13, (byte)MessageType13.FlowMod, (ushort)length, xid).Write(destination);
        Put(ref b, 8, rule.Cookie);
        Put(ref b, 16, rule.CookieMask);
        Put(ref b, 24, rule.TableId);
        Put(ref b, 25, (byte)rule.Command);
        Put(ref b, 26, rule.IdleTimeout);
        Put(ref b, 28, rule.HardTimeout);
        Put(ref b, 30, rule.Priority);
        Put(ref b, 32, rule.BufferId.Value);
        Put(ref b, 36, rule.OutPort.Value);
        Put(ref b, 40, rule.OutGroup.Value);
        Put(ref b, 44, (ushort)rule.Flags);
        Put(ref b, 46, (ushort)0);
        var matchEnd = FlowModFixed + WriteMatch(ref Unsafe.Add(ref b, FlowModFixed), match, matchLength);
        if (rule.Output is { } port)
        {
            ref var i = ref Unsafe.Add(ref b, matchEnd);
            Put(ref i, 0, (4u << 16) | ApplyOutputLength); // OFPIT_APPLY_ACTIONS, length
            Put(ref i, 4, 0u);
            Put(ref i, 8, 16u); // OFPAT_OUTPUT, length 16
            Put(ref i, 12, port.Value);
            Put(ref i, 16, rule.OutputMaxLength);
            Put(ref i, 18, (ushort)0);
            Put(ref i, 20, 0u);
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

    /// <summary>The OXM match at <paramref name="at"/> (room already checked); returns its padded length.</summary>
    private static int WriteMatch(ref byte at, in FlowMatch m, int length)
    {
        Put(ref at, 0, (ushort)1); // OFPMT_OXM
        Put(ref at, 2, (ushort)length);
        var p = 4;
        if (m.InPort is { } inPort)
        {
            p = Oxm(ref at, p, OxmBasicField.InPort, 4);
            Put(ref at, p, inPort.Value);
            p += 4;
        }

        if (m.EthDst is { } dst)
        {
            p = Oxm(ref at, p, OxmBasicField.EthDst, 6);
            Put(ref at, p, dst);
            p += 6;
        }

        if (m.EthSrc is { } src)
        {
            p = Oxm(ref at, p, OxmBasicField.EthSrc, 6);
            Put(ref at, p, src);
            p += 6;
        }

        if (m.EthType is { } type)
        {
            p = Oxm(ref at, p, OxmBasicField.EthType, 2);
            Put(ref at, p, type);
            p += 2;
        }

        if (m.VlanVid is { } vid)
        {
            p = Oxm(ref at, p, OxmBasicField.VlanVid, 2);
            Put(ref at, p, (ushort)(vid | Matching.OxmField.VlanPresent));
            p += 2;
        }

        if (m.IpProto is { } proto)
        {
            p = Oxm(ref at, p, OxmBasicField.IpProto, 1);
            Put(ref at, p, proto);
            p += 1;
        }

        if (m.Ipv4Src is { } ipSrc)
        {
            p = Oxm(ref at, p, OxmBasicField.Ipv4Src, 4);
            Put(ref at, p, ipSrc);
            p += 4;
        }

        if (m.Ipv4Dst is { } ipDst)
        {
            p = Oxm(ref at, p, OxmBasicField.Ipv4Dst, 4);
            Put(ref at, p, ipDst);
            p += 4;
        }

        for (var end = length + CommonCodec.Pad8(length); p < end; p++)
        {
            Put(ref at, p, (byte)0);
        }

        return p;
    }

    private static int Oxm(ref byte at, int offset, OxmBasicField field, int length)
    {
        Put(ref at, offset, ((uint)OxmClass.OpenFlowBasic << 16) | ((uint)field << 9) | (uint)length);
        return offset + 4;
    }

}
