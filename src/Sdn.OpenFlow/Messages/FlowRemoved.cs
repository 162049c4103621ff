using Sdn.OpenFlow.Matching;

namespace Sdn.OpenFlow.Messages;

/// <summary>
/// OFPT_FLOW_REMOVED (OpenFlow 1.3.5 §7.4.2 <c>ofp_flow_removed</c>): an entry flagged SEND_FLOW_REM expired or was
/// deleted. Durations are seconds plus nanoseconds beyond.
/// </summary>
/// <param name="Cookie">The entry's cookie.</param>
/// <param name="Priority">The entry's priority.</param>
/// <param name="Reason">Why it was removed.</param>
/// <param name="TableId">The entry's table.</param>
/// <param name="Match">The entry's match.</param>
public sealed record FlowRemoved(ulong Cookie, ushort Priority, FlowRemovedReason Reason, byte TableId, Match Match) : OfpMessage
{
    /// <summary>Time the entry was alive, whole seconds.</summary>
    public uint DurationSec { get; init; }
    /// <summary>Nanoseconds alive beyond <see cref="DurationSec"/>.</summary>
    public uint DurationNsec { get; init; }
    /// <summary>The entry's idle timeout, seconds.</summary>
    public ushort IdleTimeout { get; init; }
    /// <summary>The entry's hard timeout, seconds.</summary>
    public ushort HardTimeout { get; init; }
    /// <summary>Packets matched.</summary>
    public ulong PacketCount { get; init; }
    /// <summary>Bytes matched.</summary>
    public ulong ByteCount { get; init; }
}

/// <summary>Why a flow was removed (OpenFlow 1.3.5 §7.4.2 <c>ofp_flow_removed_reason</c>).</summary>
public enum FlowRemovedReason : byte
{
    /// <summary>Idle timeout expired.</summary>
    IdleTimeout = 0,
    /// <summary>Hard timeout expired.</summary>
    HardTimeout = 1,
    /// <summary>Deleted by a FLOW_MOD.</summary>
    Delete = 2,
    /// <summary>Its group was removed.</summary>
    GroupDelete = 3,
}
