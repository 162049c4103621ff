using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// OFPT_STATS_REQUEST/REPLY bodies (OpenFlow 1.0.0 §5.3.5): type u16, flags u16 (no padding, unlike 1.3), then the
/// type's body, mapped onto the multipart records. Modelled: DESC, FLOW, AGGREGATE, TABLE, PORT; QUEUE (5),
/// VENDOR (0xffff) and unknown types are kept opaque. 1.0 has no PORT_DESC.
/// </summary>
/// <remarks>
/// Filters 1.0 lacks: <see cref="FlowStatsRequest.OutGroup"/> must be <see cref="GroupId.Any"/> and the cookie and
/// cookie mask 0 (decoding gives those values). <see cref="FlowStats"/> in 1.0 has no flags (must be
/// <see cref="FlowModFlags.None"/>) and an action list instead of instructions (as in <see cref="FlowCodec10"/>).
/// <see cref="TableStats"/> carries 1.0's name, wildcards and max_entries; <see cref="PortStats"/> has no duration
/// in 1.0 (decodes as 0; encoding requires 0).
/// </remarks>
internal static class StatsCodec10
{
    private const int FlowStatsFixed = 88, TableStatsLength = 64, PortStatsLength = 104,
        TableNameLength = 32, FlowFilterLength = 44;

    public static MultipartRequest ReadRequest(ref SpanReader r)
    {
        var type = (MultipartType)r.ReadU16();
        var flags = (MultipartFlags)r.ReadU16();
        MultipartRequest m = type switch
        {
            MultipartType.Desc => Empty(ref r, new DescRequest()),
            MultipartType.Table => Empty(ref r, new TableStatsRequest()),
            MultipartType.Flow => ReadFlowFilter(ref r, (t, p, mt) => new FlowStatsRequest(t, p, GroupId.Any, 0, 0, mt)),
            MultipartType.Aggregate => ReadFlowFilter(ref r, (t, p, mt) => new AggregateStatsRequest(t, p, GroupId.Any, 0, 0, mt)),
            MultipartType.PortStats => ReadPortStatsRequest(ref r),
            _ => new UnknownMultipartRequest((ushort)type, r.ReadRest()),
        };
        return m with { Flags = flags };
    }

    public static MultipartReply ReadReply(ref SpanReader r)
    {
        var type = (MultipartType)r.ReadU16();
        var flags = (MultipartFlags)r.ReadU16();
        MultipartReply m = type switch
        {
            MultipartType.Desc => SharedBodies.ReadDesc(ref r),
            MultipartType.Table => new TableStatsReply(FixedEntries.ReadAll(ref r, TableStatsLength, ReadTableStats)),
            MultipartType.PortStats => new PortStatsReply(FixedEntries.ReadAll(ref r, PortStatsLength, ReadPortStats)),
            MultipartType.Flow => ReadFlowStatsReply(ref r),
            MultipartType.Aggregate => SharedBodies.ReadAggregate(ref r),
            _ => new UnknownMultipartReply((ushort)type, r.ReadRest()),
        };
        return m with { Flags = flags };
    }

    public static int RequestLength(MultipartRequest m) => 4 + m switch
    {
        DescRequest or TableStatsRequest => 0,
        FlowStatsRequest f => CheckFilter(f.TableId, f.OutPort, f.OutGroup, f.Cookie, f.CookieMask, f.Match),
        AggregateStatsRequest a => CheckFilter(a.TableId, a.OutPort, a.OutGroup, a.Cookie, a.CookieMask, a.Match),
        PortStatsRequest p => Check(Port10.ToWire(p.PortNo), 8),
        UnknownMultipartRequest u => u.Body.Count,
        _ => throw new OpenFlowEncodeException($"{m.GetType().Name} has no OpenFlow 1.0 stats form."),
    };

    public static int ReplyLength(MultipartReply m) => 4 + m switch
    {
        DescReply => SharedBodies.DescLength,
        TableStatsReply t => t.Tables.Count * TableStatsLength,
        PortStatsReply p => p.Ports.Sum(s => CheckPortStats(s, PortStatsLength)),
        FlowStatsReply f => f.Entries.Sum(FlowStatsLength),
        AggregateStatsReply => SharedBodies.AggregateLength,
        UnknownMultipartReply u => u.Body.Count,
        _ => throw new OpenFlowEncodeException($"{m.GetType().Name} has no OpenFlow 1.0 stats form."),
    };

    public static void WriteRequest(ref SpanWriter w, MultipartRequest m)
    {
        w.WriteU16((ushort)MultipartKinds.Of(m));
        w.WriteU16((ushort)m.Flags);
        switch (m)
        {
            case FlowStatsRequest f: WriteFlowFilter(ref w, f.TableId, f.OutPort, f.Match); break;
            case AggregateStatsRequest a: WriteFlowFilter(ref w, a.TableId, a.OutPort, a.Match); break;
            case PortStatsRequest p: w.WriteU16(Port10.ToWire(p.PortNo)); w.WriteZeros(6); break;
            case UnknownMultipartRequest u: w.WriteBytes(u.Body.AsSpan()); break;
        }
    }

    public static void WriteReply(ref SpanWriter w, MultipartReply m)
    {
        w.WriteU16((ushort)MultipartKinds.Of(m));
        w.WriteU16((ushort)m.Flags);
        switch (m)
        {
            case DescReply d:
                SharedBodies.WriteDesc(ref w, d);
                break;
            case TableStatsReply t:
                foreach (var s in t.Tables)
                {
                    w.WriteU8(s.TableId);
                    w.WriteZeros(3);
                    w.WriteFixedString(s.Name, TableNameLength);
                    w.WriteU32(s.Wildcards);
                    w.WriteU32(s.MaxEntries);
                    w.WriteU32(s.ActiveCount);
                    w.WriteU64(s.LookupCount);
                    w.WriteU64(s.MatchedCount);
                }

                break;
            case PortStatsReply p:
                foreach (var s in p.Ports)
                {
                    w.WriteU16(Port10.ToWire(s.PortNo));
                    w.WriteZeros(6);
                    foreach (var v in (ReadOnlySpan<ulong>)[s.RxPackets, s.TxPackets, s.RxBytes, s.TxBytes, s.RxDropped, s.TxDropped, s.RxErrors, s.TxErrors, s.RxFrameErrors, s.RxOverErrors, s.RxCrcErrors, s.Collisions])
                    {
                        w.WriteU64(v);
                    }
                }

                break;
            case FlowStatsReply f:
                foreach (var e in f.Entries)
                {
                    WriteFlowStats(ref w, e);
                }

                break;
            case AggregateStatsReply a:
                SharedBodies.WriteAggregate(ref w, a);
                break;
            case UnknownMultipartReply u:
                w.WriteBytes(u.Body.AsSpan());
                break;
        }
    }

    private static int Check(ushort port, int length)
    {
        _ = port;
        return length;
    }

    private static int CheckFilter(byte table, PortNumber outPort, GroupId outGroup, ulong cookie, ulong cookieMask, Matching.Match match)
    {
        _ = table;
        if (outGroup != GroupId.Any || cookie != 0 || cookieMask != 0)
        {
            throw new OpenFlowEncodeException("Flow/aggregate stats filter: OpenFlow 1.0 has no out_group nor cookie filter (out_group must be ANY, cookie and mask 0).");
        }

        Port10.ToWire(outPort);
        MatchCodec10.Validate(match);
        return FlowFilterLength;
    }

    private static int CheckPortStats(PortStats s, int length)
    {
        if (s.DurationSec != 0 || s.DurationNsec != 0)
        {
            throw new OpenFlowEncodeException("Port stats: OpenFlow 1.0 has no duration (must be 0).");
        }

        return Check(Port10.ToWire(s.PortNo), length);
    }

    private static T Empty<T>(ref SpanReader r, T m)
    {
        r.EnsureEnd("an empty stats request body");
        return m;
    }

    /// <summary><c>ofp_flow_stats_request</c>: match, table_id, pad, out_port u16.</summary>
    private static T ReadFlowFilter<T>(ref SpanReader r, Func<byte, PortNumber, Matching.Match, T> make)
    {
        var match = MatchCodec10.Read(ref r);
        var table = r.ReadU8();
        r.Skip(1);
        var outPort = Port10.FromWire(r.ReadU16());
        r.EnsureEnd("a flow stats request");
        return make(table, outPort, match);
    }

    private static void WriteFlowFilter(ref SpanWriter w, byte table, PortNumber outPort, Matching.Match match)
    {
        MatchCodec10.Write(ref w, match);
        w.WriteU8(table);
        w.WriteZeros(1);
        w.WriteU16(Port10.ToWire(outPort));
    }

    private static PortStatsRequest ReadPortStatsRequest(ref SpanReader r)
    {
        var port = Port10.FromWire(r.ReadU16());
        r.Skip(6);
        r.EnsureEnd("a port stats request");
        return new PortStatsRequest(port);
    }

    /// <summary><c>ofp_table_stats</c> (64 bytes): table_id, pad(3), name[32], wildcards, max_entries, active_count, lookup_count, matched_count.</summary>
    private static TableStats ReadTableStats(ref SpanReader r)
    {
        var id = r.ReadU8();
        r.Skip(3);
        var name = r.ReadFixedString(TableNameLength);
        var wildcards = r.ReadU32();
        var maxEntries = r.ReadU32();
        return new TableStats(id, r.ReadU32(), r.ReadU64(), r.ReadU64()) { Name = name, Wildcards = wildcards, MaxEntries = maxEntries };
    }

    /// <summary><c>ofp_port_stats</c> (104 bytes): port_no u16, pad(6), twelve 64-bit counters.</summary>
    private static PortStats ReadPortStats(ref SpanReader r)
    {
        var port = Port10.FromWire(r.ReadU16());
        r.Skip(6);
        return new PortStats(port)
        {
            RxPackets = r.ReadU64(), TxPackets = r.ReadU64(), RxBytes = r.ReadU64(), TxBytes = r.ReadU64(),
            RxDropped = r.ReadU64(), TxDropped = r.ReadU64(), RxErrors = r.ReadU64(), TxErrors = r.ReadU64(),
            RxFrameErrors = r.ReadU64(), RxOverErrors = r.ReadU64(), RxCrcErrors = r.ReadU64(), Collisions = r.ReadU64(),
        };
    }

    /// <summary>
    /// <c>ofp_flow_stats</c> (88 bytes + actions): length, table_id, pad, match, duration_sec, duration_nsec, priority,
    /// idle_timeout, hard_timeout, pad(6), cookie, packet_count, byte_count, actions.
    /// </summary>
    private static FlowStatsReply ReadFlowStatsReply(ref SpanReader r)
    {
        var entries = new List<FlowStats>();
        while (r.Remaining > 0)
        {
            var len = r.ReadU16();
            if (len < FlowStatsFixed || len - 2 > r.Remaining)
            {
                throw OpenFlowDecodeException.BadLength($"flow stats entry length {len} (at least {FlowStatsFixed}, within the message)");
            }

            var e = r.Sub(len - 2);
            var table = e.ReadU8();
            e.Skip(1);
            var match = MatchCodec10.Read(ref e);
            var durSec = e.ReadU32();
            var durNsec = e.ReadU32();
            var priority = e.ReadU16();
            var idle = e.ReadU16();
            var hard = e.ReadU16();
            e.Skip(6);
            var cookie = e.ReadU64();
            var packets = e.ReadU64();
            var bytes = e.ReadU64();
            var actions = ActionCodec10.ReadList(ref e, MatchCodec10.IpProtocol(match));
            entries.Add(new FlowStats(table, durSec, durNsec, priority, idle, hard, FlowModFlags.None, cookie, packets, bytes, match,
                FlowCodec10.Instructions(actions)));
        }

        return new FlowStatsReply(ValueArray.From(entries));
    }

    private static int FlowStatsLength(FlowStats e)
    {
        if (e.Flags != FlowModFlags.None)
        {
            throw new OpenFlowEncodeException($"Flow stats flags {e.Flags}: OpenFlow 1.0 flow stats carry no flags.");
        }

        MatchCodec10.Validate(e.Match);
        return FlowStatsFixed + ActionCodec10.ListLength(FlowCodec10.Actions(e.Instructions, "flow stats"));
    }

    private static void WriteFlowStats(ref SpanWriter w, FlowStats e)
    {
        w.WriteU16((ushort)FlowStatsLength(e));
        w.WriteU8(e.TableId);
        w.WriteZeros(1);
        MatchCodec10.Write(ref w, e.Match);
        w.WriteU32(e.DurationSec);
        w.WriteU32(e.DurationNsec);
        w.WriteU16(e.Priority);
        w.WriteU16(e.IdleTimeout);
        w.WriteU16(e.HardTimeout);
        w.WriteZeros(6);
        w.WriteU64(e.Cookie);
        w.WriteU64(e.PacketCount);
        w.WriteU64(e.ByteCount);
        ActionCodec10.WriteList(ref w, FlowCodec10.Actions(e.Instructions, "flow stats"));
    }

}
