using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// Statistics bodies laid out the same in OpenFlow 1.0 and 1.3: <c>ofp_desc</c> (1.3.5 §7.3.5.1, 1.0 §5.3.5; 1056
/// bytes of NUL-padded ASCII) and <c>ofp_aggregate_stats_reply</c> (1.3.5 §7.3.5.3, 1.0 §5.3.5; 24 bytes).
/// </summary>
internal static class SharedBodies
{
    private const int DescStringLength = 256, SerialLength = 32;

    /// <summary>Bytes of an <c>ofp_desc</c>.</summary>
    public const int DescLength = (4 * DescStringLength) + SerialLength;

    /// <summary>Bytes of an <c>ofp_aggregate_stats_reply</c>.</summary>
    public const int AggregateLength = 24;

    public static DescReply ReadDesc(ref SpanReader r)
    {
        var reply = new DescReply(
            r.ReadFixedString(DescStringLength),
            r.ReadFixedString(DescStringLength),
            r.ReadFixedString(DescStringLength),
            r.ReadFixedString(SerialLength),
            r.ReadFixedString(DescStringLength));
        r.EnsureEnd("a desc reply");
        return reply;
    }

    public static void WriteDesc(ref SpanWriter w, DescReply d)
    {
        w.WriteFixedString(d.Manufacturer, DescStringLength);
        w.WriteFixedString(d.Hardware, DescStringLength);
        w.WriteFixedString(d.Software, DescStringLength);
        w.WriteFixedString(d.SerialNumber, SerialLength);
        w.WriteFixedString(d.DatapathDescription, DescStringLength);
    }

    public static AggregateStatsReply ReadAggregate(ref SpanReader r)
    {
        var reply = new AggregateStatsReply(r.ReadU64(), r.ReadU64(), r.ReadU32());
        r.Skip(4);
        r.EnsureEnd("an aggregate stats reply");
        return reply;
    }

    public static void WriteAggregate(ref SpanWriter w, AggregateStatsReply a)
    {
        w.WriteU64(a.PacketCount);
        w.WriteU64(a.ByteCount);
        w.WriteU32(a.FlowCount);
        w.WriteZeros(4);
    }
}
