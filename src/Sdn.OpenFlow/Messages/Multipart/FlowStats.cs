using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;

namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>
/// OFPMP_FLOW request (OpenFlow 1.3.5 §7.3.5.2 <c>ofp_flow_stats_request</c>): statistics of the entries that
/// match the filter.
/// </summary>
/// <param name="TableId">Table to read, or 0xff for all.</param>
/// <param name="OutPort">Only entries that output to this port (<see cref="PortNumber.Any"/> = no filter).</param>
/// <param name="OutGroup">Only entries that output to this group (<see cref="GroupId.Any"/> = no filter).</param>
/// <param name="Cookie">Cookie value the entries must have (bits in <paramref name="CookieMask"/>).</param>
/// <param name="CookieMask">Cookie bits to compare; 0 = no restriction.</param>
/// <param name="Match">Fields to match (non-strict).</param>
public sealed record FlowStatsRequest(byte TableId, PortNumber OutPort, GroupId OutGroup, ulong Cookie, ulong CookieMask, Match Match) : MultipartRequest;

/// <summary>OFPMP_FLOW reply (OpenFlow 1.3.5 §7.3.5.2): one <see cref="FlowStats"/> per entry.</summary>
/// <param name="Entries">Entries of this part.</param>
public sealed record FlowStatsReply(ValueArray<FlowStats> Entries) : MultipartReply;

/// <summary>One flow entry's statistics (OpenFlow 1.3.5 §7.3.5.2 <c>ofp_flow_stats</c>).</summary>
/// <param name="TableId">Table of the entry.</param>
/// <param name="DurationSec">Seconds alive.</param>
/// <param name="DurationNsec">Nanoseconds alive beyond <paramref name="DurationSec"/>.</param>
/// <param name="Priority">Priority.</param>
/// <param name="IdleTimeout">Idle timeout, seconds.</param>
/// <param name="HardTimeout">Hard timeout, seconds.</param>
/// <param name="Flags">FLOW_MOD flags of the entry.</param>
/// <param name="Cookie">Cookie.</param>
/// <param name="PacketCount">Packets matched.</param>
/// <param name="ByteCount">Bytes matched.</param>
/// <param name="Match">Match.</param>
/// <param name="Instructions">Instructions.</param>
public sealed record FlowStats(
    byte TableId, uint DurationSec, uint DurationNsec, ushort Priority, ushort IdleTimeout, ushort HardTimeout,
    FlowModFlags Flags, ulong Cookie, ulong PacketCount, ulong ByteCount, Match Match, ValueArray<OfpInstruction> Instructions);

/// <summary>OFPMP_AGGREGATE request (OpenFlow 1.3.5 §7.3.5.3): same filter as <see cref="FlowStatsRequest"/>.</summary>
/// <param name="TableId">Table to read, or 0xff for all.</param>
/// <param name="OutPort">Output port filter.</param>
/// <param name="OutGroup">Output group filter.</param>
/// <param name="Cookie">Cookie value.</param>
/// <param name="CookieMask">Cookie bits to compare.</param>
/// <param name="Match">Fields to match.</param>
public sealed record AggregateStatsRequest(byte TableId, PortNumber OutPort, GroupId OutGroup, ulong Cookie, ulong CookieMask, Match Match) : MultipartRequest;

/// <summary>OFPMP_AGGREGATE reply (OpenFlow 1.3.5 §7.3.5.3 <c>ofp_aggregate_stats_reply</c>).</summary>
/// <param name="PacketCount">Packets in matching entries.</param>
/// <param name="ByteCount">Bytes in matching entries.</param>
/// <param name="FlowCount">Number of matching entries.</param>
public sealed record AggregateStatsReply(ulong PacketCount, ulong ByteCount, uint FlowCount) : MultipartReply;
