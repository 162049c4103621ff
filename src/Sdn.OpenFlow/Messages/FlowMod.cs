using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;

namespace Sdn.OpenFlow.Messages;

/// <summary>
/// OFPT_FLOW_MOD (OpenFlow 1.3.5 §7.3.4.1 <c>ofp_flow_mod</c>): add, modify or delete flow entries.
/// Timeouts are in seconds (0 = none). The 1.0 codec accepts only table 0 and a single apply-actions instruction.
/// </summary>
/// <param name="Command">What to do.</param>
/// <param name="Match">Fields to match.</param>
/// <param name="Instructions">Instructions of the entry (ignored by deletes).</param>
public sealed record FlowMod(FlowModCommand Command, Match Match, ValueArray<OfpInstruction> Instructions) : OfpMessage
{
    /// <summary>Opaque id chosen by the controller; this controller gives each app a range.</summary>
    public ulong Cookie { get; init; }
    /// <summary>For modify/delete: which cookie bits must match (0 = ignore the cookie).</summary>
    public ulong CookieMask { get; init; }
    /// <summary>Table to put the entry in; for deletes 0xff (<c>OFPTT_ALL</c>) means all tables.</summary>
    public byte TableId { get; init; }
    /// <summary>Idle time before discarding, in seconds (0 = never).</summary>
    public ushort IdleTimeout { get; init; }
    /// <summary>Maximum time before discarding, in seconds (0 = never).</summary>
    public ushort HardTimeout { get; init; }
    /// <summary>Priority; higher wins (table-miss entries use 0).</summary>
    public ushort Priority { get; init; } = 0x8000;
    /// <summary>Buffered packet to apply the entry to, or <see cref="BufferId.NoBuffer"/>.</summary>
    public BufferId BufferId { get; init; } = BufferId.NoBuffer;
    /// <summary>For deletes: only entries that output to this port (<see cref="PortNumber.Any"/> = no filter).</summary>
    public PortNumber OutPort { get; init; } = PortNumber.Any;
    /// <summary>For deletes: only entries that output to this group (<see cref="GroupId.Any"/> = no filter).</summary>
    public GroupId OutGroup { get; init; } = GroupId.Any;
    /// <summary>Flags (<see cref="FlowModFlags"/>).</summary>
    public FlowModFlags Flags { get; init; }

    /// <summary><c>OFPTT_ALL</c>: every table (deletes only).</summary>
    public const byte AllTables = 0xff;
}

/// <summary>FLOW_MOD commands (OpenFlow 1.3.5 §7.3.4.1 <c>ofp_flow_mod_command</c>).</summary>
public enum FlowModCommand : byte
{
    /// <summary>New flow.</summary>
    Add = 0,
    /// <summary>Modify all matching flows.</summary>
    Modify = 1,
    /// <summary>Modify the entry strictly matching wildcards and priority.</summary>
    ModifyStrict = 2,
    /// <summary>Delete all matching flows.</summary>
    Delete = 3,
    /// <summary>Delete the entry strictly matching wildcards and priority.</summary>
    DeleteStrict = 4,
}

/// <summary>FLOW_MOD flags (OpenFlow 1.3.5 §7.3.4.1 <c>ofp_flow_mod_flags</c>).</summary>
[Flags]
public enum FlowModFlags : ushort
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Send FLOW_REMOVED when the entry expires or is deleted.</summary>
    SendFlowRemoved = 1 << 0,
    /// <summary>Check for overlapping entries first.</summary>
    CheckOverlap = 1 << 1,
    /// <summary>Reset flow packet and byte counts.</summary>
    ResetCounts = 1 << 2,
    /// <summary>Don't keep track of packet count.</summary>
    NoPacketCounts = 1 << 3,
    /// <summary>Don't keep track of byte count.</summary>
    NoByteCounts = 1 << 4,
}
