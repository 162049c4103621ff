using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>OFPT_FLOW_MOD (OpenFlow 1.3.5 §7.3.4.1) and OFPT_FLOW_REMOVED (§7.4.2) bodies.</summary>
internal static class FlowCodec13
{
    /// <summary>cookie, cookie_mask, table_id, command, idle, hard, priority, buffer_id, out_port, out_group, flags, pad(2), match, instructions.</summary>
    public static FlowMod ReadFlowMod(ref SpanReader r)
    {
        var cookie = r.ReadU64();
        var cookieMask = r.ReadU64();
        var table = r.ReadU8();
        var command = (FlowModCommand)r.ReadU8();
        var idle = r.ReadU16();
        var hard = r.ReadU16();
        var priority = r.ReadU16();
        var bufferId = new BufferId(r.ReadU32());
        var outPort = new PortNumber(r.ReadU32());
        var outGroup = new GroupId(r.ReadU32());
        var flags = (FlowModFlags)r.ReadU16();
        r.Skip(2);
        var match = MatchCodec13.Read(ref r);
        var instructions = InstructionCodec13.ReadList(ref r);
        return new FlowMod(command, match, instructions)
        {
            Cookie = cookie,
            CookieMask = cookieMask,
            TableId = table,
            IdleTimeout = idle,
            HardTimeout = hard,
            Priority = priority,
            BufferId = bufferId,
            OutPort = outPort,
            OutGroup = outGroup,
            Flags = flags,
        };
    }

    public static int FlowModLength(FlowMod m) => 40 + MatchCodec13.Length(m.Match) + InstructionCodec13.ListLength(m.Instructions);

    public static void WriteFlowMod(ref SpanWriter w, FlowMod m)
    {
        w.WriteU64(m.Cookie);
        w.WriteU64(m.CookieMask);
        w.WriteU8(m.TableId);
        w.WriteU8((byte)m.Command);
        w.WriteU16(m.IdleTimeout);
        w.WriteU16(m.HardTimeout);
        w.WriteU16(m.Priority);
        w.WriteU32(m.BufferId.Value);
        w.WriteU32(m.OutPort.Value);
        w.WriteU32(m.OutGroup.Value);
        w.WriteU16((ushort)m.Flags);
        w.WriteZeros(2);
        MatchCodec13.Write(ref w, m.Match);
        InstructionCodec13.WriteList(ref w, m.Instructions);
    }

    /// <summary>cookie, priority, reason, table_id, duration_sec, duration_nsec, idle, hard, packet_count, byte_count, match.</summary>
    public static FlowRemoved ReadFlowRemoved(ref SpanReader r)
    {
        var cookie = r.ReadU64();
        var priority = r.ReadU16();
        var reason = (FlowRemovedReason)r.ReadU8();
        var table = r.ReadU8();
        var durSec = r.ReadU32();
        var durNsec = r.ReadU32();
        var idle = r.ReadU16();
        var hard = r.ReadU16();
        var packets = r.ReadU64();
        var bytes = r.ReadU64();
        var match = MatchCodec13.Read(ref r);
        return new FlowRemoved(cookie, priority, reason, table, match)
        {
            DurationSec = durSec,
            DurationNsec = durNsec,
            IdleTimeout = idle,
            HardTimeout = hard,
            PacketCount = packets,
            ByteCount = bytes,
        };
    }

    public static int FlowRemovedLength(FlowRemoved m) => 40 + MatchCodec13.Length(m.Match);

    public static void WriteFlowRemoved(ref SpanWriter w, FlowRemoved m)
    {
        w.WriteU64(m.Cookie);
        w.WriteU16(m.Priority);
        w.WriteU8((byte)m.Reason);
        w.WriteU8(m.TableId);
        w.WriteU32(m.DurationSec);
        w.WriteU32(m.DurationNsec);
        w.WriteU16(m.IdleTimeout);
        w.WriteU16(m.HardTimeout);
        w.WriteU64(m.PacketCount);
        w.WriteU64(m.ByteCount);
        MatchCodec13.Write(ref w, m.Match);
    }
}
