using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// The OpenFlow 1.3 wire codec (OpenFlow 1.3.5, wire version 0x04). Message types it does not model (PORT_MOD,
/// ROLE, METER_MOD, experimenter, …) decode to <see cref="UnknownMessage"/> and encode back byte for byte.
/// </summary>
public sealed class OpenFlow13Codec : IOpenFlowCodec
{
    /// <summary>The shared instance (the codec is stateless).</summary>
    public static readonly OpenFlow13Codec Instance = new();

    /// <inheritdoc />
    public OfpVersion Version => OfpVersion.OpenFlow13;

    /// <inheritdoc />
    public OfpMessage Decode(ReadOnlySpan<byte> frame)
    {
        var r = FrameChecks.OpenBody(frame, OfpVersion.OpenFlow13, out var h);
        OfpMessage m;
        switch ((MessageType13)h.Type)
        {
            case MessageType13.Hello: return CommonCodec.DecodeHello(frame);
            case MessageType13.Error: return CommonCodec.DecodeError(frame);
            case MessageType13.EchoRequest: m = new EchoRequest(r.ReadRest()); break;
            case MessageType13.EchoReply: m = new EchoReply(r.ReadRest()); break;
            case MessageType13.FeaturesRequest: m = new FeaturesRequest(); break;
            case MessageType13.FeaturesReply: m = SwitchCodec13.ReadFeaturesReply(ref r); break;
            case MessageType13.GetConfigRequest: m = new GetConfigRequest(); break;
            case MessageType13.GetConfigReply:
                var (gf, gl) = SwitchCodec13.ReadConfig(ref r);
                m = new GetConfigReply(gf, gl);
                break;
            case MessageType13.SetConfig:
                var (sf, sl) = SwitchCodec13.ReadConfig(ref r);
                m = new SetConfig(sf, sl);
                break;
            case MessageType13.PacketIn: m = PacketCodec13.ReadPacketIn(ref r); break;
            case MessageType13.PacketOut: m = PacketCodec13.ReadPacketOut(ref r); break;
            case MessageType13.FlowMod: m = FlowCodec13.ReadFlowMod(ref r); break;
            case MessageType13.FlowRemoved: m = FlowCodec13.ReadFlowRemoved(ref r); break;
            case MessageType13.PortStatus: m = PortCodec13.ReadPortStatus(ref r); break;
            case MessageType13.GroupMod: m = GroupCodec13.ReadGroupMod(ref r); break;
            case MessageType13.MultipartRequest: m = MultipartCodec13.ReadRequest(ref r); break;
            case MessageType13.MultipartReply: m = MultipartCodec13.ReadReply(ref r); break;
            case MessageType13.BarrierRequest: m = new BarrierRequest(); break;
            case MessageType13.BarrierReply: m = new BarrierReply(); break;
            default: return new UnknownMessage(h.Version, h.Type, r.ReadRest()) { Xid = h.Xid };
        }

        return FrameChecks.Finish(ref r, m, h, (MessageType13)h.Type);
    }

    /// <inheritdoc />
    public int GetLength(OfpMessage message)
    {
        var length = message switch
        {
            Hello h => CommonCodec.HelloLength(h),
            Error e => CommonCodec.ErrorLength(e),
            _ => OfpHeader.Size + BodyLength(message),
        };
        return FrameChecks.CheckLength(message, length);
    }

    /// <inheritdoc />
    public int Write(OfpMessage message, Span<byte> destination)
    {
        switch (message)
        {
            case Hello h: return CommonCodec.WriteHello(h, destination);
            case Error e: return CommonCodec.WriteError(e, (byte)OfpVersion.OpenFlow13, destination);
        }

        var length = GetLength(message);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Need {length} bytes, have {destination.Length}.", nameof(destination));
        }

        var type = message is UnknownMessage u ? u.Type : (byte)TypeOf(message);
        new OfpHeader((byte)OfpVersion.OpenFlow13, type, (ushort)length, message.Xid).Write(destination);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        switch (message)
        {
            case EchoRequest e: w.WriteBytes(e.Data.AsSpan()); break;
            case EchoReply e: w.WriteBytes(e.Data.AsSpan()); break;
            case FeaturesReply f: SwitchCodec13.WriteFeaturesReply(ref w, f); break;
            case GetConfigReply c: SwitchCodec13.WriteConfig(ref w, c.Flags, c.MissSendLength); break;
            case SetConfig c: SwitchCodec13.WriteConfig(ref w, c.Flags, c.MissSendLength); break;
            case PacketIn p: PacketCodec13.WritePacketIn(ref w, p); break;
            case PacketOut p: PacketCodec13.WritePacketOut(ref w, p); break;
            case FlowMod f: FlowCodec13.WriteFlowMod(ref w, f); break;
            case FlowRemoved f: FlowCodec13.WriteFlowRemoved(ref w, f); break;
            case PortStatus p: PortCodec13.WritePortStatus(ref w, p); break;
            case GroupMod g: GroupCodec13.WriteGroupMod(ref w, g); break;
            case MultipartRequest mr: MultipartCodec13.WriteRequest(ref w, mr); break;
            case MultipartReply mr: MultipartCodec13.WriteReply(ref w, mr); break;
            case UnknownMessage um: w.WriteBytes(um.Body.AsSpan()); break;
        }

        return length;
    }

    /// <inheritdoc />
    public int GetLength(in Flows.FlowRule rule) => FlowRuleCodec13.Length(rule);

    /// <inheritdoc />
    public int Write(in Flows.FlowRule rule, Xid xid, Span<byte> destination) => FlowRuleCodec13.Write(rule, xid, destination);

    /// <inheritdoc />
    public int GetLength(in Flows.PacketOutSpec packetOut) => FlowRuleCodec13.Length(packetOut);

    /// <inheritdoc />
    public int Write(in Flows.PacketOutSpec packetOut, Xid xid, Span<byte> destination) => FlowRuleCodec13.Write(packetOut, xid, destination);

    /// <summary>The 1.3 type code of a message record.</summary>
    /// <exception cref="OpenFlowEncodeException">The record has no 1.3 form.</exception>
    public static MessageType13 TypeOf(OfpMessage message) => message switch
    {
        Hello => MessageType13.Hello,
        Error => MessageType13.Error,
        EchoRequest => MessageType13.EchoRequest,
        EchoReply => MessageType13.EchoReply,
        FeaturesRequest => MessageType13.FeaturesRequest,
        FeaturesReply => MessageType13.FeaturesReply,
        GetConfigRequest => MessageType13.GetConfigRequest,
        GetConfigReply => MessageType13.GetConfigReply,
        SetConfig => MessageType13.SetConfig,
        PacketIn => MessageType13.PacketIn,
        FlowRemoved => MessageType13.FlowRemoved,
        PortStatus => MessageType13.PortStatus,
        PacketOut => MessageType13.PacketOut,
        FlowMod => MessageType13.FlowMod,
        GroupMod => MessageType13.GroupMod,
        MultipartRequest => MessageType13.MultipartRequest,
        MultipartReply => MessageType13.MultipartReply,
        BarrierRequest => MessageType13.BarrierRequest,
        BarrierReply => MessageType13.BarrierReply,
        UnknownMessage u => (MessageType13)u.Type,
        _ => throw new OpenFlowEncodeException($"{message.GetType().Name} has no OpenFlow 1.3 encoding."),
    };

    private static int BodyLength(OfpMessage message) => message switch
    {
        EchoRequest e => e.Data.Count,
        EchoReply e => e.Data.Count,
        FeaturesRequest or GetConfigRequest or BarrierRequest or BarrierReply => 0,
        FeaturesReply => 24,
        GetConfigReply or SetConfig => 4,
        PacketIn p => PacketCodec13.PacketInLength(p),
        PacketOut p => PacketCodec13.PacketOutLength(p),
        FlowMod f => FlowCodec13.FlowModLength(f),
        FlowRemoved f => FlowCodec13.FlowRemovedLength(f),
        PortStatus => 8 + PortCodec13.PortLength,
        GroupMod g => GroupCodec13.GroupModLength(g),
        MultipartRequest mr => MultipartCodec13.RequestLength(mr),
        MultipartReply mr => MultipartCodec13.ReplyLength(mr),
        UnknownMessage u => u.Body.Count,
        _ => throw new OpenFlowEncodeException($"{message.GetType().Name} has no OpenFlow 1.3 encoding."),
    };
}
