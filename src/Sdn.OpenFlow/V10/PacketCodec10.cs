using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>OFPT_PACKET_IN (OpenFlow 1.0.0 §5.4.1) and OFPT_PACKET_OUT (§5.3.6) bodies.</summary>
internal static class PacketCodec10
{
    public const int PacketInFixed = 10, PacketOutFixed = 8;

    /// <summary>
    /// buffer_id, total_len, in_port u16, reason, pad, data. The in_port becomes the match's IN_PORT; the 1.3-only
    /// table id and cookie are 0.
    /// </summary>
    public static PacketIn ReadPacketIn(ref SpanReader r)
    {
        var bufferId = new BufferId(r.ReadU32());
        var totalLen = r.ReadU16();
        var inPort = Port10.FromWire(r.ReadU16());
        var reason = (PacketInReason)r.ReadU8();
        r.Skip(1);
        return new PacketIn(bufferId, totalLen, reason, 0, 0, new Match([OxmField.InPort(inPort)]), r.ReadRest());
    }

    /// <summary>The 1.0 in_port of a PACKET_IN record, after checking it has nothing 1.0 cannot carry.</summary>
    /// <exception cref="OpenFlowEncodeException">Table id or cookie not 0, a reason other than NO_MATCH/ACTION, or a match other than exactly IN_PORT.</exception>
    public static ushort CheckPacketIn(PacketIn m)
    {
        if (m.TableId != 0 || m.Cookie != 0)
        {
            throw new OpenFlowEncodeException("PACKET_IN: OpenFlow 1.0 has no table id nor cookie (both must be 0).");
        }

        if ((byte)m.Reason > (byte)PacketInReason.Action)
        {
            throw new OpenFlowEncodeException($"PACKET_IN reason {m.Reason} has no OpenFlow 1.0 form.");
        }

        if (m.Match.Fields.Count != 1 || m.Match.InPort is not { } port || m.Match.Fields[0].HasMask)
        {
            throw new OpenFlowEncodeException($"PACKET_IN match {m.Match}: OpenFlow 1.0 carries exactly the in_port.");
        }

        return Port10.ToWire(port);
    }

    public static void WritePacketIn(ref SpanWriter w, PacketIn m)
    {
        w.WriteU32(m.BufferId.Value);
        w.WriteU16(m.TotalLength);
        w.WriteU16(CheckPacketIn(m));
        w.WriteU8((byte)m.Reason);
        w.WriteZeros(1);
        w.WriteBytes(m.Data.AsSpan());
    }

    /// <summary>buffer_id, in_port u16, actions_len, actions, data.</summary>
    public static PacketOut ReadPacketOut(ref SpanReader r)
    {
        var bufferId = new BufferId(r.ReadU32());
        var inPort = Port10.FromWire(r.ReadU16());
        var actionsLen = r.ReadU16();
        if (actionsLen > r.Remaining)
        {
            throw OpenFlowDecodeException.BadLength($"packet-out actions_len {actionsLen} beyond the message ({r.Remaining} left)");
        }

        var actionsReader = r.Sub(actionsLen);
        var actions = ActionCodec10.ReadList(ref actionsReader);
        return new PacketOut(bufferId, inPort, actions, r.ReadRest());
    }

    public static int PacketOutLength(PacketOut m)
    {
        Port10.ToWire(m.InPort);
        return PacketOutFixed + ActionCodec10.ListLength(m.Actions) + m.Data.Count;
    }

    public static void WritePacketOut(ref SpanWriter w, PacketOut m)
    {
        w.WriteU32(m.BufferId.Value);
        w.WriteU16(Port10.ToWire(m.InPort));
        w.WriteU16((ushort)ActionCodec10.ListLength(m.Actions));
        ActionCodec10.WriteList(ref w, m.Actions);
        w.WriteBytes(m.Data.AsSpan());
    }
}
