using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// The OpenFlow 1.0 wire codec (OpenFlow 1.0.0, wire version 0x01). It maps the version-neutral records onto what
/// 1.0 can express and throws <see cref="OpenFlowEncodeException"/> for the rest (instructions other than one
/// apply-actions list, tables other than 0, groups, OXM fields 1.0 has no place for, 1.3-only actions, …).
/// </summary>
/// <remarks>
/// <para>Modelled: HELLO, ERROR (numbers mapped by <see cref="ErrorCodes10"/>), ECHO, FEATURES (ports listed in the reply,
/// <see cref="SwitchCodec10"/>), GET/SET_CONFIG, PACKET_IN (<c>in_port</c> → IN_PORT in the match; table id and
/// cookie 0), FLOW_REMOVED, PORT_STATUS (<see cref="Port10"/>), PACKET_OUT, FLOW_MOD (<see cref="MatchCodec10"/>,
/// <see cref="ActionCodec10"/>), BARRIER (types 18/19), STATS (types 16/17 ↔ the multipart records for DESC, FLOW,
/// AGGREGATE, TABLE, PORT). VENDOR (4), PORT_MOD, QUEUE_GET_CONFIG and unknown types decode to
/// <see cref="UnknownMessage"/> and encode back byte for byte; <see cref="GroupMod"/> has no 1.0 form.</para>
/// <para>Decoding then re-encoding is byte-exact for what Open vSwitch sends, except where 1.0 has bits the records
/// drop: values under wildcard bits, wildcard counts 33–63 (written as 32), wildcard bits above 21, the ECN bits of
/// <c>nw_tos</c>, match fields without their prerequisite, <c>dl_vlan</c> bits above 12 and a PCP beside
/// <c>OFP_VLAN_NONE</c>, port feature bits above 11, and non-spec error numbers (see <see cref="ErrorCodes10"/>).</para>
/// </remarks>
public sealed class OpenFlow10Codec : IOpenFlowCodec
{
    /// <summary>The shared instance (the codec is stateless).</summary>
    public static readonly OpenFlow10Codec Instance = new();

    private const byte Wire = (byte)OfpVersion.OpenFlow10;

    /// <inheritdoc />
    public OfpVersion Version => OfpVersion.OpenFlow10;

    /// <inheritdoc />
    public OfpMessage Decode(ReadOnlySpan<byte> frame)
    {
        var r = FrameChecks.OpenBody(frame, OfpVersion.OpenFlow10, out var h);
        OfpMessage m;
        switch ((MessageType10)h.Type)
        {
            case MessageType10.Hello: return CommonCodec.DecodeHello(frame);
            case MessageType10.Error: m = ReadError(ref r); break;
            case MessageType10.EchoRequest: m = new EchoRequest(r.ReadRest()); break;
            case MessageType10.EchoReply: m = new EchoReply(r.ReadRest()); break;
            case MessageType10.FeaturesRequest: m = new FeaturesRequest(); break;
            case MessageType10.FeaturesReply: m = SwitchCodec10.ReadFeaturesReply(ref r); break;
            case MessageType10.GetConfigRequest: m = new GetConfigRequest(); break;
            case MessageType10.GetConfigReply: m = new GetConfigReply((ConfigFlags)r.ReadU16(), r.ReadU16()); break;
            case MessageType10.SetConfig: m = new SetConfig((ConfigFlags)r.ReadU16(), r.ReadU16()); break;
            case MessageType10.PacketIn: m = PacketCodec10.ReadPacketIn(ref r); break;
            case MessageType10.PacketOut: m = PacketCodec10.ReadPacketOut(ref r); break;
            case MessageType10.FlowMod: m = FlowCodec10.ReadFlowMod(ref r); break;
            case MessageType10.FlowRemoved: m = FlowCodec10.ReadFlowRemoved(ref r); break;
            case MessageType10.PortStatus: m = SwitchCodec10.ReadPortStatus(ref r); break;
            case MessageType10.StatsRequest: m = StatsCodec10.ReadRequest(ref r); break;
            case MessageType10.StatsReply: m = StatsCodec10.ReadReply(ref r); break;
            case MessageType10.BarrierRequest: m = new BarrierRequest(); break;
            case MessageType10.BarrierReply: m = new BarrierReply(); break;
            default: return new UnknownMessage(h.Version, h.Type, r.ReadRest()) { Xid = h.Xid };
        }

        return FrameChecks.Finish(ref r, m, h, (MessageType10)h.Type);
    }

    /// <inheritdoc />
    public int GetLength(OfpMessage message)
    {
        var length = message switch
        {
            Hello h => CommonCodec.HelloLength(h),
            _ => OfpHeader.Size + BodyLength(message),
        };
        return FrameChecks.CheckLength(message, length);
    }

    /// <inheritdoc />
    public int Write(OfpMessage message, Span<byte> destination)
    {
        if (message is Hello hello)
        {
            return CommonCodec.WriteHello(hello, destination);
        }

        var length = GetLength(message);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Need {length} bytes, have {destination.Length}.", nameof(destination));
        }

        var type = message is UnknownMessage u ? u.Type : (byte)TypeOf(message);
        new OfpHeader(Wire, type, (ushort)length, message.Xid).Write(destination);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        switch (message)
        {
            case Error e:
                var (et, ec) = ErrorCodes10.ToWire(e.Type, e.Code);
                w.WriteU16(et);
                w.WriteU16(ec);
                w.WriteBytes(e.Data.AsSpan());
                break;
            case EchoRequest e: w.WriteBytes(e.Data.AsSpan()); break;
            case EchoReply e: w.WriteBytes(e.Data.AsSpan()); break;
            case FeaturesReply f: SwitchCodec10.WriteFeaturesReply(ref w, f); break;
            case GetConfigReply c: w.WriteU16((ushort)c.Flags); w.WriteU16(c.MissSendLength); break;
            case SetConfig c: w.WriteU16((ushort)c.Flags); w.WriteU16(c.MissSendLength); break;
            case PacketIn p: PacketCodec10.WritePacketIn(ref w, p); break;
            case PacketOut p: PacketCodec10.WritePacketOut(ref w, p); break;
            case FlowMod f: FlowCodec10.WriteFlowMod(ref w, f); break;
            case FlowRemoved f: FlowCodec10.WriteFlowRemoved(ref w, f); break;
            case PortStatus p: SwitchCodec10.WritePortStatus(ref w, p); break;
            case MultipartRequest mr: StatsCodec10.WriteRequest(ref w, mr); break;
            case MultipartReply mr: StatsCodec10.WriteReply(ref w, mr); break;
            case UnknownMessage um: w.WriteBytes(um.Body.AsSpan()); break;
        }

        return length;
    }

    /// <inheritdoc />
    public int GetLength(in Flows.FlowRule rule) => FlowRuleCodec10.Length(rule);

    /// <inheritdoc />
    public int Write(in Flows.FlowRule rule, Xid xid, Span<byte> destination) => FlowRuleCodec10.Write(rule, xid, destination);

    /// <inheritdoc />
    public int GetLength(in Flows.PacketOutSpec packetOut) => FlowRuleCodec10.Length(packetOut);

    /// <inheritdoc />
    public int Write(in Flows.PacketOutSpec packetOut, Xid xid, Span<byte> destination) => FlowRuleCodec10.Write(packetOut, xid, destination);

    /// <summary>The 1.0 type code of a message record.</summary>
    /// <exception cref="OpenFlowEncodeException">The record has no 1.0 form.</exception>
    public static MessageType10 TypeOf(OfpMessage message) => message switch
    {
        Hello => MessageType10.Hello,
        Error => MessageType10.Error,
        EchoRequest => MessageType10.EchoRequest,
        EchoReply => MessageType10.EchoReply,
        FeaturesRequest => MessageType10.FeaturesRequest,
        FeaturesReply => MessageType10.FeaturesReply,
        GetConfigRequest => MessageType10.GetConfigRequest,
        GetConfigReply => MessageType10.GetConfigReply,
        SetConfig => MessageType10.SetConfig,
        PacketIn => MessageType10.PacketIn,
        FlowRemoved => MessageType10.FlowRemoved,
        PortStatus => MessageType10.PortStatus,
        PacketOut => MessageType10.PacketOut,
        FlowMod => MessageType10.FlowMod,
        MultipartRequest => MessageType10.StatsRequest,
        MultipartReply => MessageType10.StatsReply,
        BarrierRequest => MessageType10.BarrierRequest,
        BarrierReply => MessageType10.BarrierReply,
        UnknownMessage u => (MessageType10)u.Type,
        _ => throw new OpenFlowEncodeException($"{message.GetType().Name} has no OpenFlow 1.0 form."),
    };

    /// <summary>ERROR body: type u16, code u16 (1.0 numbers, mapped), data. 1.0 has no experimenter errors.</summary>
    private static Error ReadError(ref SpanReader r)
    {
        var (type, code) = ErrorCodes10.FromWire(r.ReadU16(), r.ReadU16());
        return new Error(type, code, r.ReadRest());
    }

    private static int BodyLength(OfpMessage message) => message switch
    {
        Error e => CheckError(e),
        EchoRequest e => e.Data.Count,
        EchoReply e => e.Data.Count,
        FeaturesRequest or GetConfigRequest or BarrierRequest or BarrierReply => 0,
        FeaturesReply f => SwitchCodec10.FeaturesReplyLength(f),
        GetConfigReply or SetConfig => 4,
        PacketIn p => Checked(PacketCodec10.CheckPacketIn(p), PacketCodec10.PacketInFixed + p.Data.Count),
        PacketOut p => PacketCodec10.PacketOutLength(p),
        FlowMod f => FlowCodec10.FlowModLength(f),
        FlowRemoved f => Checked(f, FlowCodec10.FlowRemovedLength),
        PortStatus p => Checked(Port10.ToWire(p.Port.PortNo), 8 + Port10.PhyPortLength),
        MultipartRequest mr => StatsCodec10.RequestLength(mr),
        MultipartReply mr => StatsCodec10.ReplyLength(mr),
        UnknownMessage u => u.Body.Count,
        _ => throw new OpenFlowEncodeException($"{message.GetType().Name} has no OpenFlow 1.0 form."),
    };

    private static int CheckError(Error e)
    {
        ErrorCodes10.ToWire(e.Type, e.Code);
        return 4 + e.Data.Count;
    }

    private static int Checked(FlowRemoved f, int length)
    {
        FlowCodec10.CheckFlowRemoved(f);
        return length;
    }

    private static int Checked(ushort check, int length)
    {
        _ = check;
        return length;
    }
}
