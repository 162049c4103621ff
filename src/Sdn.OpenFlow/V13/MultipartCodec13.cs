using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// OFPT_MULTIPART_REQUEST/REPLY bodies (OpenFlow 1.3.5 §7.3.5): type, flags, pad(4), then the type's body.
/// Modelled: DESC, FLOW, AGGREGATE, TABLE, PORT_STATS, PORT_DESC; other types are kept opaque.
/// </summary>
internal static class MultipartCodec13
{
    private const int FlowStatsFixed = 48, TableStatsLength = 24, PortStatsLength = 112;

    public static MultipartRequest ReadRequest(ref SpanReader r)
    {
        var type = (MultipartType)r.ReadU16();
        var flags = (MultipartFlags)r.ReadU16();
        r.Skip(4);
        MultipartRequest m = type switch
        {
            MultipartType.Desc => Empty(ref r, new DescRequest()),
            MultipartType.PortDesc => Empty(ref r, new PortDescRequest()),
            MultipartType.Table => Empty(ref r, new TableStatsRequest()),
            MultipartType.Flow => ReadFlowFilter(ref r, (t, p, g, c, cm, mt) => new FlowStatsRequest(t, p, g, c, cm, mt)),
            MultipartType.Aggregate => ReadFlowFilter(ref r, (t, p, g, c, cm, mt) => new AggregateStatsRequest(t, p, g, c, cm, mt)),
            MultipartType.PortStats => ReadPortStatsRequest(ref r),
            _ => new UnknownMultipartRequest((ushort)type, r.ReadRest()),
        };
        return m with { Flags = flags };
    }

    public static MultipartReply ReadReply(ref SpanReader r)
    {
        var type = (MultipartType)r.ReadU16();
        var flags = (MultipartFlags)r.ReadU16();
        r.Skip(4);
        MultipartReply m = type switch
        {
            MultipartType.Desc => SharedBodies.ReadDesc(ref r),
            MultipartType.PortDesc => new PortDescReply(FixedEntries.ReadAll(ref r, PortCodec13.PortLength, static (ref SpanReader e) => PortCodec13.ReadPort(ref e))),
            MultipartType.Table => new TableStatsReply(FixedEntries.ReadAll(ref r, TableStatsLength, ReadTableStats)),
            MultipartType.PortStats => new PortStatsReply(FixedEntries.ReadAll(ref r, PortStatsLength, ReadPortStats)),
            MultipartType.Flow => ReadFlowStatsReply(ref r),
            MultipartType.Aggregate => SharedBodies.ReadAggregate(ref r),
            _ => new UnknownMultipartReply((ushort)type, r.ReadRest()),
        };
        return m with { Flags = flags };
    }

    public static int RequestLength(MultipartRequest m) => 8 + m switch
    {
        DescRequest or PortDescRequest or TableStatsRequest => 0,
        FlowStatsRequest f => 32 + MatchCodec13.Length(f.Match),
        AggregateStatsRequest a => 32 + MatchCodec13.Length(a.Match),
        PortStatsRequest => 8,
        UnknownMultipartRequest u => u.Body.Count,
        _ => throw new OpenFlowEncodeException($"{m.GetType().Name} has no OpenFlow 1.3 encoding."),
    };

    public static int ReplyLength(MultipartReply m) => 8 + m switch
    {
        DescReply => SharedBodies.DescLength,
        PortDescReply p => p.Ports.Count * PortCodec13.PortLength,
        TableStatsReply t => t.Tables.Count * TableStatsLength,
        PortStatsReply p => p.Ports.Count * PortStatsLength,
        FlowStatsReply f => f.Entries.Sum(FlowStatsLength),
        AggregateStatsReply => SharedBodies.AggregateLength,
        UnknownMultipartReply u => u.Body.Count,
        _ => throw new OpenFlowEncodeException($"{m.GetType().Name} has no OpenFlow 1.3 encoding."),
    };

    public static void WriteRequest(ref SpanWriter w, MultipartRequest m)
    {
        w.WriteU16((ushort)MultipartKinds.Of(m));
        w.WriteU16((ushort)m.Flags);
        w.WriteZeros(4);
        switch (m)
        {
            case FlowStatsRequest f: WriteFlowFilter(ref w, f.TableId, f.OutPort, f.OutGroup, f.Cookie, f.CookieMask, f.Match); break;
            case AggregateStatsRequest a: WriteFlowFilter(ref w, a.TableId, a.OutPort, a.OutGroup, a.Cookie, a.CookieMask, a.Match); break;
            case PortStatsRequest p: w.WriteU32(p.PortNo.Value); w.WriteZeros(4); break;
            case UnknownMultipartRequest u: w.WriteBytes(u.Body.AsSpan()); break;
        }
    }

    public static void WriteReply(ref SpanWriter w, MultipartReply m)
    {
        w.WriteU16((ushort)MultipartKinds.Of(m));
        w.WriteU16((ushort)m.Flags);
        w.WriteZeros(4);
        switch (m)
        {
            case DescReply d:
                SharedBodies.WriteDesc(ref w, d);
                break;
            case PortDescReply p:
                foreach (var port in p.Ports)
                {
                    PortCodec13.WritePort(ref w, port);
                }

                break;
            case TableStatsReply t:
                foreach (var s in t.Tables)
                {
                    w.WriteU8(s.TableId);
                    w.WriteZeros(3);
                    w.WriteU32(s.ActiveCount);
                    w.WriteU64(s.LookupCount);
                    w.WriteU64(s.MatchedCount);
                }

                break;
            case PortStatsReply p:
                foreach (var s in p.Ports)
                {
                    WritePortStats(ref w, s);
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

    private static T Empty<T>(ref SpanReader r, T m)
    {
        r.EnsureEnd("an empty multipart request body");
        return m;
    }

    private static T ReadFlowFilter<T>(ref SpanReader r, Func<byte, PortNumber, GroupId, ulong, ulong, Matching.Match, T> make)
    {
        var table = r.ReadU8();
        r.Skip(3);
        var outPort = new PortNumber(r.ReadU32());
        var outGroup = new GroupId(r.ReadU32());
        r.Skip(4);
        var cookie = r.ReadU64();
        var cookieMask = r.ReadU64();
        var match = MatchCodec13.Read(ref r);
        r.EnsureEnd("a flow stats request");
        return make(table, outPort, outGroup, cookie, cookieMask, match);
    }

    private static void WriteFlowFilter(ref SpanWriter w, byte table, PortNumber outPort, GroupId outGroup, ulong cookie, ulong cookieMask, Matching.Match match)
    {
        w.WriteU8(table);
        w.WriteZeros(3);
        w.WriteU32(outPort.Value);
        w.WriteU32(outGroup.Value);
        w.WriteZeros(4);
        w.WriteU64(cookie);
        w.WriteU64(cookieMask);
        MatchCodec13.Write(ref w, match);
    }

    private static PortStatsRequest ReadPortStatsRequest(ref SpanReader r)
    {
        var port = new PortNumber(r.ReadU32());
        r.Skip(4);
        r.EnsureEnd("a port stats request");
        return new PortStatsRequest(port);
    }

    private static TableStats ReadTableStats(ref SpanReader r)
    {
        var id = r.ReadU8();
        r.Skip(3);
        return new TableStats(id, r.ReadU32(), r.ReadU64(), r.ReadU64());
    }

    private static PortStats ReadPortStats(ref SpanReader r)
    {
        var port = new PortNumber(r.ReadU32());
        r.Skip(4);
        return new PortStats(port)
        {
            RxPackets = r.ReadU64(), TxPackets = r.ReadU64(), RxBytes = r.ReadU64(), TxBytes = r.ReadU64(),
            RxDropped = r.ReadU64(), TxDropped = r.ReadU64(), RxErrors = r.ReadU64(), TxErrors = r.ReadU64(),
            RxFrameErrors = r.ReadU64(), RxOverErrors = r.ReadU64(), RxCrcErrors = r.ReadU64(), Collisions = r.ReadU64(),
            DurationSec = r.ReadU32(), DurationNsec = r.ReadU32(),
        };
    }

    private static void WritePortStats(ref SpanWriter w, PortStats s)
    {
        w.WriteU32(s.PortNo.Value);
        w.WriteZeros(4);
        foreach (var v in (ReadOnlySpan<ulong>)[s.RxPackets, s.TxPackets, s.RxBytes, s.TxBytes, s.RxDropped, s.TxDropped, s.RxErrors, s.TxErrors, s.RxFrameErrors, s.RxOverErrors, s.RxCrcErrors, s.Collisions])
        {
            w.WriteU64(v);
        }

        w.WriteU32(s.DurationSec);
        w.WriteU32(s.DurationNsec);
    }

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
            var durSec = e.ReadU32();
            var durNsec = e.ReadU32();
            var priority = e.ReadU16();
            var idle = e.ReadU16();
            var hard = e.ReadU16();
            var flags = (FlowModFlags)e.ReadU16();
            e.Skip(4);
            var cookie = e.ReadU64();
            var packets = e.ReadU64();
            var bytes = e.ReadU64();
            var match = MatchCodec13.Read(ref e);
            var instructions = InstructionCodec13.ReadList(ref e);
            entries.Add(new FlowStats(table, durSec, durNsec, priority, idle, hard, flags, cookie, packets, bytes, match, instructions));
        }

        return new FlowStatsReply(ValueArray.From(entries));
    }

    private static int FlowStatsLength(FlowStats e) => FlowStatsFixed + MatchCodec13.Length(e.Match) + InstructionCodec13.ListLength(e.Instructions);

    private static void WriteFlowStats(ref SpanWriter w, FlowStats e)
    {
        w.WriteU16((ushort)FlowStatsLength(e));
        w.WriteU8(e.TableId);
        w.WriteZeros(1);
        w.WriteU32(e.DurationSec);
        w.WriteU32(e.DurationNsec);
        w.WriteU16(e.Priority);
        w.WriteU16(e.IdleTimeout);
        w.WriteU16(e.HardTimeout);
        w.WriteU16((ushort)e.Flags);
        w.WriteZeros(4);
        w.WriteU64(e.Cookie);
        w.WriteU64(e.PacketCount);
        w.WriteU64(e.ByteCount);
        MatchCodec13.Write(ref w, e.Match);
        InstructionCodec13.WriteList(ref w, e.Instructions);
    }

}
