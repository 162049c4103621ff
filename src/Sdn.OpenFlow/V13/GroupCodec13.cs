using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>OFPT_GROUP_MOD body and <c>ofp_bucket</c> (OpenFlow 1.3.5 §7.3.4.2).</summary>
internal static class GroupCodec13
{
    /// <summary>command, type, pad, group_id, buckets.</summary>
    public static GroupMod ReadGroupMod(ref SpanReader r)
    {
        var command = (GroupModCommand)r.ReadU16();
        var type = (GroupType)r.ReadU8();
        r.Skip(1);
        var group = new GroupId(r.ReadU32());
        var buckets = new List<Bucket>();
        while (r.Remaining > 0)
        {
            buckets.Add(ReadBucket(ref r));
        }

        return new GroupMod(command, type, group, ValueArray.From(buckets));
    }

    /// <summary>len, weight, watch_port, watch_group, pad(4), actions.</summary>
    public static Bucket ReadBucket(ref SpanReader r)
    {
        var len = r.ReadU16();
        if (len < 16 || len - 2 > r.Remaining)
        {
            throw new OpenFlowDecodeException(ErrorType.GroupModFailed, (ushort)GroupModFailedCode.BadBucket, $"bucket length {len} (at least 16, within the message)");
        }

        var b = r.Sub(len - 2);
        var weight = b.ReadU16();
        var watchPort = new PortNumber(b.ReadU32());
        var watchGroup = new GroupId(b.ReadU32());
        b.Skip(4);
        return new Bucket(weight, watchPort, watchGroup, ActionCodec13.ReadList(ref b));
    }

    public static int BucketLength(Bucket b) => 16 + ActionCodec13.ListLength(b.Actions);

    public static int GroupModLength(GroupMod m)
    {
        var n = 8;
        foreach (var b in m.Buckets)
        {
            n += BucketLength(b);
        }

        return n;
    }

    public static void WriteGroupMod(ref SpanWriter w, GroupMod m)
    {
        w.WriteU16((ushort)m.Command);
        w.WriteU8((byte)m.GroupType);
        w.WriteZeros(1);
        w.WriteU32(m.GroupId.Value);
        foreach (var b in m.Buckets)
        {
            w.WriteU16((ushort)BucketLength(b));
            w.WriteU16(b.Weight);
            w.WriteU32(b.WatchPort.Value);
            w.WriteU32(b.WatchGroup.Value);
            w.WriteZeros(4);
            ActionCodec13.WriteList(ref w, b.Actions);
        }
    }
}
