namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>OFPMP_TABLE request (OpenFlow 1.3.5 §7.3.5.4): no body.</summary>
public sealed record TableStatsRequest : MultipartRequest;

/// <summary>OFPMP_TABLE reply (OpenFlow 1.3.5 §7.3.5.4): one entry per table.</summary>
/// <param name="Tables">Entries of this part.</param>
public sealed record TableStatsReply(ValueArray<TableStats> Tables) : MultipartReply;

/// <summary>One table's counters (OpenFlow 1.3.5 §7.3.5.4 <c>ofp_table_stats</c>, 24 bytes).</summary>
/// <param name="TableId">Table id.</param>
/// <param name="ActiveCount">Active entries.</param>
/// <param name="LookupCount">Packets looked up in the table.</param>
/// <param name="MatchedCount">Packets that hit an entry.</param>
public sealed record TableStats(byte TableId, uint ActiveCount, ulong LookupCount, ulong MatchedCount);
