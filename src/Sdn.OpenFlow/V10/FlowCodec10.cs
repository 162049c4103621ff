using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// OFPT_FLOW_MOD (OpenFlow 1.0.0 §5.3.3 <c>ofp_flow_mod</c>, 72 bytes + actions) and OFPT_FLOW_REMOVED (§5.4.2, 88 bytes).
/// </summary>
/// <remarks>
/// A 1.0 flow entry has an action list, not instructions: encoding accepts an empty instruction list or a single
/// <see cref="ApplyActionsInstruction"/>; decoding gives an empty list for no actions, else one apply-actions
/// instruction. 1.0 has one table per FLOW_MOD: <see cref="FlowMod.TableId"/> must be 0, or
/// <see cref="FlowMod.AllTables"/> for deletes (which 1.0 applies to all tables, so deletes decode with 0xff). 1.0 has
/// no cookie mask nor out_group: <see cref="FlowMod.CookieMask"/> must be 0 and <see cref="FlowMod.OutGroup"/>
/// <see cref="GroupId.Any"/>. Flags: SEND_FLOW_REM and CHECK_OVERLAP are the same bits; 1.0's EMERG (bit 2) has no
/// record form and 1.3's RESET_COUNTS/NO_PKT_COUNTS/NO_BYT_COUNTS no 1.0 form.
/// </remarks>
internal static class FlowCodec10
{
    public const int FlowModFixed = 64, FlowRemovedLength = 80;

    private const FlowModFlags Flags10 = FlowModFlags.SendFlowRemoved | FlowModFlags.CheckOverlap;

    /// <summary>match, cookie, command u16, idle, hard, priority, buffer_id, out_port u16, flags, actions.</summary>
    public static FlowMod ReadFlowMod(ref SpanReader r)
    {
        var match = MatchCodec10.Read(ref r);
        var cookie = r.ReadU64();
        var command = r.ReadU16();
        var idle = r.ReadU16();
        var hard = r.ReadU16();
        var priority = r.ReadU16();
        var bufferId = new BufferId(r.ReadU32());
        var outPort = Port10.FromWire(r.ReadU16());
        var flags = r.ReadU16();
        if (command > (ushort)FlowModCommand.DeleteStrict)
        {
            throw new OpenFlowDecodeException(ErrorType.FlowModFailed, (ushort)FlowModFailedCode.BadCommand, $"flow-mod command {command}");
        }

        if ((flags & ~(ushort)Flags10) != 0)
        {
            throw new OpenFlowDecodeException(ErrorType.FlowModFailed, (ushort)FlowModFailedCode.BadFlags,
                $"flow-mod flags 0x{flags:x4}: only SEND_FLOW_REM and CHECK_OVERLAP are modelled (EMERG is not)");
        }

        var actions = ActionCodec10.ReadList(ref r, MatchCodec10.IpProtocol(match));
        var cmd = (FlowModCommand)command;
        return new FlowMod(cmd, match, Instructions(actions))
        {
            Cookie = cookie,
            TableId = cmd is FlowModCommand.Delete or FlowModCommand.DeleteStrict ? FlowMod.AllTables : (byte)0,
            IdleTimeout = idle,
            HardTimeout = hard,
            Priority = priority,
            BufferId = bufferId,
            OutPort = outPort,
            Flags = (FlowModFlags)flags,
        };
    }

    public static int FlowModLength(FlowMod m)
    {
        var deletes = m.Command is FlowModCommand.Delete or FlowModCommand.DeleteStrict;
        if (m.TableId != 0 && !(deletes && m.TableId == FlowMod.AllTables))
        {
            throw new OpenFlowEncodeException($"FLOW_MOD table {m.TableId}: OpenFlow 1.0 has no table id (only 0, or 0xff for deletes).");
        }

        if ((byte)m.Command > (byte)FlowModCommand.DeleteStrict)
        {
            throw new OpenFlowEncodeException($"FLOW_MOD command {(byte)m.Command} has no OpenFlow 1.0 form.");
        }

        if (m.CookieMask != 0)
        {
            throw new OpenFlowEncodeException($"FLOW_MOD cookie mask 0x{m.CookieMask:x}: OpenFlow 1.0 cannot select flows by cookie.");
        }

        if (m.OutGroup != GroupId.Any)
        {
            throw new OpenFlowEncodeException($"FLOW_MOD out_group {m.OutGroup}: OpenFlow 1.0 has no groups.");
        }

        if ((m.Flags & ~Flags10) != 0)
        {
            throw new OpenFlowEncodeException($"FLOW_MOD flags {m.Flags}: OpenFlow 1.0 has only SEND_FLOW_REM and CHECK_OVERLAP.");
        }

        Port10.ToWire(m.OutPort);
        MatchCodec10.Validate(m.Match);
        return FlowModFixed + ActionCodec10.ListLength(Actions(m.Instructions, "FLOW_MOD"));
    }

    public static void WriteFlowMod(ref SpanWriter w, FlowMod m)
    {
        MatchCodec10.Write(ref w, m.Match);
        w.WriteU64(m.Cookie);
        w.WriteU16((byte)m.Command);
        w.WriteU16(m.IdleTimeout);
        w.WriteU16(m.HardTimeout);
        w.WriteU16(m.Priority);
        w.WriteU32(m.BufferId.Value);
        w.WriteU16(Port10.ToWire(m.OutPort));
        w.WriteU16((ushort)m.Flags);
        ActionCodec10.WriteList(ref w, Actions(m.Instructions, "FLOW_MOD"));
    }

    /// <summary>match, cookie, priority, reason, pad, duration_sec, duration_nsec, idle_timeout, pad(2), packet_count, byte_count.</summary>
    public static FlowRemoved ReadFlowRemoved(ref SpanReader r)
    {
        var match = MatchCodec10.Read(ref r);
        var cookie = r.ReadU64();
        var priority = r.ReadU16();
        var reason = (FlowRemovedReason)r.ReadU8();
        r.Skip(1);
        var durSec = r.ReadU32();
        var durNsec = r.ReadU32();
        var idle = r.ReadU16();
        r.Skip(2);
        return new FlowRemoved(cookie, priority, reason, 0, match)
        {
            DurationSec = durSec,
            DurationNsec = durNsec,
            IdleTimeout = idle,
            PacketCount = r.ReadU64(),
            ByteCount = r.ReadU64(),
        };
    }

    /// <summary>Checks the 1.0 form of a FLOW_REMOVED: table 0, no hard timeout (1.0 does not report it), a 1.0 reason.</summary>
    public static void CheckFlowRemoved(FlowRemoved m)
    {
        if (m.TableId != 0 || m.HardTimeout != 0)
        {
            throw new OpenFlowEncodeException("FLOW_REMOVED: OpenFlow 1.0 has no table id nor hard timeout in it (both must be 0).");
        }

        if ((byte)m.Reason > (byte)FlowRemovedReason.Delete)
        {
            throw new OpenFlowEncodeException($"FLOW_REMOVED reason {m.Reason} has no OpenFlow 1.0 form.");
        }

        MatchCodec10.Validate(m.Match);
    }

    public static void WriteFlowRemoved(ref SpanWriter w, FlowRemoved m)
    {
        MatchCodec10.Write(ref w, m.Match);
        w.WriteU64(m.Cookie);
        w.WriteU16(m.Priority);
        w.WriteU8((byte)m.Reason);
        w.WriteZeros(1);
        w.WriteU32(m.DurationSec);
        w.WriteU32(m.DurationNsec);
        w.WriteU16(m.IdleTimeout);
        w.WriteZeros(2);
        w.WriteU64(m.PacketCount);
        w.WriteU64(m.ByteCount);
    }

    /// <summary>No actions → no instructions; else one apply-actions instruction.</summary>
    public static ValueArray<OfpInstruction> Instructions(ValueArray<OfpAction> actions) =>
        actions.Count == 0 ? ValueArray<OfpInstruction>.Empty : [new ApplyActionsInstruction(actions)];

    /// <summary>The action list of an instruction list that 1.0 can carry.</summary>
    /// <exception cref="OpenFlowEncodeException">Anything but nothing or one apply-actions instruction.</exception>
    public static ValueArray<OfpAction> Actions(ValueArray<OfpInstruction> instructions, string what) => instructions.Count switch
    {
        0 => ValueArray<OfpAction>.Empty,
        1 when instructions[0] is ApplyActionsInstruction a => a.Actions,
        _ => throw new OpenFlowEncodeException(
            $"{what} instructions [{string.Join(", ", instructions.Select(i => i.GetType().Name))}]: OpenFlow 1.0 carries only one action list (none, or a single ApplyActionsInstruction)."),
    };
}
