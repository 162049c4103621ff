namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>OFPMP_TABLE request (OpenFlow 1.3.5 §7.3.5.4): no body.</summary>
public sealed record TableStatsRequest : MultipartRequest;

/// <summary>OFPMP_TABLE reply (OpenFlow 1.3.5 §7.3.5.4): one entry per table.</summary>
/// <param name="Tables">Entries of this part.</param>
public sealed record TableStatsReply(ValueArray<TableStats> Tables) : MultipartReply;

/// <summary>
/// One table's counters (OpenFlow 1.3.5 §7.3.5.4 <c>ofp_table_stats</c>, 24 bytes). OpenFlow 1.0's
/// <c>ofp_table_stats</c> (OpenFlow 1.0.0 §5.3.5, 64 bytes) also carries <see cref="Name"/>, <see cref="Wildcards"/>
/// and <see cref="MaxEntries"/>; the 1.3 codec neither reads nor writes them (they stay at their defaults).
/// </summary>
/// <param name="TableId">Table id.</param>
/// <param name="ActiveCount">Active entries.</param>
/// <param name="LookupCount">Packets looked up in the table.</param>
/// <param name="MatchedCount">Packets that hit an entry.</param>
public sealed record TableStats(byte TableId, uint ActiveCount, ulong LookupCount, ulong MatchedCount)
{
    /// <summary>OpenFlow 1.0 only: the table's name (at most 31 ASCII characters; 32 NUL-padded bytes on the wire).</summary>
    public string Name { get; init; } = "";

    /// <summary>OpenFlow 1.0 only: the <c>OFPFW_*</c> wildcard bits the table supports (OpenFlow 1.0.0 §5.2.3).</summary>
    public uint Wildcards { get; init; }

    /// <summary>OpenFlow 1.0 only: most entries the table can hold.</summary>
    public uint MaxEntries { get; init; }
}
