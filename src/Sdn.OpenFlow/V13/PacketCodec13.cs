using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>OFPT_PACKET_IN (OpenFlow 1.3.5 §7.4.1) and OFPT_PACKET_OUT (§7.3.7) bodies.</summary>
internal static class PacketCodec13
{
    /// <summary>buffer_id, total_len, reason, table_id, cookie, match, pad(2), data.</summary>
    public static PacketIn ReadPacketIn(ref SpanReader r)
    {
        var bufferId = new BufferId(r.ReadU32());
        var totalLen = r.ReadU16();
        var reason = (PacketInReason)r.ReadU8();
        var table = r.ReadU8();
        var cookie = r.ReadU64();
        var match = MatchCodec13.Read(ref r);
        r.Skip(2);
        return new PacketIn(bufferId, totalLen, reason, table, cookie, match, r.ReadRest());
    }

    public static int PacketInLength(PacketIn m) => 16 + MatchCodec13.Length(m.Match) + 2 + m.Data.Count;

    public static void WritePacketIn(ref SpanWriter w, PacketIn m)
    {
        w.WriteU32(m.BufferId.Value);
        w.WriteU16(m.TotalLength);
        w.WriteU8((byte)m.Reason);
        w.WriteU8(m.TableId);
        w.WriteU64(m.Cookie);
        MatchCodec13.Write(ref w, m.Match);
        w.WriteZeros(2);
        w.WriteBytes(m.Data.AsSpan());
    }

    /// <summary>buffer_id, in_port, actions_len, pad(6), actions, data.</summary>
    public static PacketOut ReadPacketOut(ref SpanReader r)
    {
        var bufferId = new BufferId(r.ReadU32());
        var inPort = new PortNumber(r.ReadU32());
        var actionsLen = r.ReadU16();
        r.Skip(6);
        if (actionsLen > r.Remaining)
        {
            throw OpenFlowDecodeException.BadLength($"packet-out actions_len {actionsLen} beyond the message ({r.Remaining} left)");
        }

        var actionsReader = r.Sub(actionsLen);
        var actions = ActionCodec13.ReadList(ref actionsReader);
        return new PacketOut(bufferId, inPort, actions, r.ReadRest());
    }

    public static int PacketOutLength(PacketOut m) => 16 + ActionCodec13.ListLength(m.Actions) + m.Data.Count;

    public static void WritePacketOut(ref SpanWriter w, PacketOut m)
    {
        w.WriteU32(m.BufferId.Value);
        w.WriteU32(m.InPort.Value);
        w.WriteU16((ushort)ActionCodec13.ListLength(m.Actions));
        w.WriteZeros(6);
        ActionCodec13.WriteList(ref w, m.Actions);
        w.WriteBytes(m.Data.AsSpan());
    }
}
