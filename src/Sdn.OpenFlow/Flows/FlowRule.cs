using System.Diagnostics.CodeAnalysis;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.Flows;

/// <summary>
/// A FLOW_MOD with a <see cref="FlowMatch"/> and at most one output action, as a plain value: what forwarding apps
/// send on every packet-in, written by the codec straight into the connection's buffer without allocating
/// (OpenFlow 1.3.5 §7.3.4.1; 1.0 §5.3.3). Defaults follow <see cref="FlowMod"/>. For anything richer (several
/// actions, groups, other instructions) send a <see cref="FlowMod"/> record.
/// </summary>
public readonly record struct FlowRule
{
    /// <summary>
    /// Upper bound of a rule's encoded length in every supported version, in bytes (1.3: 48 fixed + at most 72 of
    /// match + 24 of apply-actions/output = 144), so a writer can take one span of this size and skip computing the
    /// exact length first.
    /// </summary>
    public const int MaxWireLength = 160;

    /// <summary>A rule with the defaults of <see cref="FlowMod"/> (add, priority 0x8000, no buffer, no timeouts).</summary>
    public FlowRule()
    {
    }

    /// <summary>What to do (default add).</summary>
    public FlowModCommand Command { get; init; } = FlowModCommand.Add;

    private readonly FlowMatch _match;

    /// <summary>Fields to match.</summary>
    public FlowMatch Match { get => _match; init => _match = value; }

    /// <summary>
    /// The match in place, for the codecs: reading <see cref="Match"/> copies its 68 bytes with one 64-byte vector
    /// load, and that load cannot be served from the caller's field-by-field stores still in the store buffer, so
    /// every FLOW_MOD waited for them (a tenth of the packet-in path's samples; docs/BENCHMARKS.md). Through this
    /// reference each field is read where it was written.
    /// </summary>
    [UnscopedRef]
    internal ref readonly FlowMatch MatchRef => ref _match;

    /// <summary>Port to output to with apply-actions; null for a rule without actions (drop).</summary>
    public PortNumber? Output { get; init; }

    /// <summary>max_len of the output action, bytes (for CONTROLLER; default <see cref="OutputAction.NoBuffer"/>).</summary>
    public ushort OutputMaxLength { get; init; } = OutputAction.NoBuffer;

    /// <summary>Cookie (the core stamps the app's id onto the top byte).</summary>
    public ulong Cookie { get; init; }

    /// <summary>Cookie bits that must match, for modify/delete.</summary>
    public ulong CookieMask { get; init; }

    /// <summary>Table id (OpenFlow 1.0: 0 only).</summary>
    public byte TableId { get; init; }

    /// <summary>Priority; higher wins.</summary>
    public ushort Priority { get; init; } = 0x8000;

    /// <summary>Idle timeout, seconds (0 = none).</summary>
    public ushort IdleTimeout { get; init; }

    /// <summary>Hard timeout, seconds (0 = none).</summary>
    public ushort HardTimeout { get; init; }

    /// <summary>Buffered packet to apply the rule to, or <see cref="BufferId.NoBuffer"/>.</summary>
    public BufferId BufferId { get; init; } = BufferId.NoBuffer;

    /// <summary>Flags.</summary>
    public FlowModFlags Flags { get; init; }

    /// <summary>For deletes: only entries that output to this port.</summary>
    public PortNumber OutPort { get; init; } = PortNumber.Any;

    /// <summary>For deletes: only entries that output to this group.</summary>
    public GroupId OutGroup { get; init; } = GroupId.Any;

    /// <summary>The same FLOW_MOD as a record (allocates).</summary>
    public FlowMod ToFlowMod() => new(
        Command,
        Match.ToMatch(),
        Output is { } port ? [new ApplyActionsInstruction([new OutputAction(port, OutputMaxLength)])] : ValueArray<OfpInstruction>.Empty)
    {
        Cookie = Cookie,
        CookieMask = CookieMask,
        TableId = TableId,
        Priority = Priority,
        IdleTimeout = IdleTimeout,
        HardTimeout = HardTimeout,
        BufferId = BufferId,
        Flags = Flags,
        OutPort = OutPort,
        OutGroup = OutGroup,
    };
}
