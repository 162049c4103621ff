using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Channel;

/// <summary>
/// Joins the parts of a multipart reply (OpenFlow 1.3.5 §7.3.5: all parts but the last carry OFPMPF_REPLY_MORE)
/// into one record whose entry list is the concatenation, flags cleared.
/// </summary>
public static class MultipartMerge
{
    /// <summary>Merges parts in arrival order.</summary>
    /// <exception cref="ArgumentException">No parts, or parts of different types.</exception>
    public static MultipartReply Merge(IReadOnlyList<MultipartReply> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("No parts.", nameof(parts));
        }

        var first = parts[0];
        if (parts.Any(p => p.GetType() != first.GetType()))
        {
            throw new ArgumentException("Multipart parts of different types.", nameof(parts));
        }

        MultipartReply merged = first switch
        {
            PortDescReply => new PortDescReply(parts.Cast<PortDescReply>().SelectMany(p => p.Ports).ToArray()),
            FlowStatsReply => new FlowStatsReply(parts.Cast<FlowStatsReply>().SelectMany(p => p.Entries).ToArray()),
            PortStatsReply => new PortStatsReply(parts.Cast<PortStatsReply>().SelectMany(p => p.Ports).ToArray()),
            TableStatsReply => new TableStatsReply(parts.Cast<TableStatsReply>().SelectMany(p => p.Tables).ToArray()),
            UnknownMultipartReply u => new UnknownMultipartReply(u.MultipartType, parts.Cast<UnknownMultipartReply>().SelectMany(p => p.Body).ToArray()),
            _ => parts[^1],
        };
        return merged with { Xid = first.Xid, Flags = MultipartFlags.None };
    }
}
