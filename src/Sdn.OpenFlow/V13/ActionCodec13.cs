using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>Action lists (OpenFlow 1.3.5 §7.2.5): each action is type, length (a multiple of 8), body.</summary>
public static class ActionCodec13
{
    private const ushort Output = 0, CopyTtlOut = 11, CopyTtlIn = 12, SetMplsTtl = 15, DecMplsTtl = 16, PushVlan = 17,
        PopVlan = 18, PushMpls = 19, PopMpls = 20, SetQueue = 21, Group = 22, SetNwTtl = 23, DecNwTtl = 24, SetField = 25,
        PushPbb = 26, PopPbb = 27, Experimenter = 0xffff;

    private static readonly Func<string, OpenFlowDecodeException> BadLen = m => OpenFlowDecodeException.BadAction(BadActionCode.BadLen, m);

    /// <summary>Reads actions until <paramref name="r"/> is exhausted.</summary>
    /// <exception cref="OpenFlowDecodeException">BAD_ACTION/BAD_LEN and friends.</exception>
    public static ValueArray<OfpAction> ReadList(ref SpanReader r) => Tlv13.ReadList(ref r, Read);

    /// <summary>Reads one action.</summary>
    /// <exception cref="OpenFlowDecodeException">Malformed action.</exception>
    public static OfpAction Read(ref SpanReader r)
    {
        var b = Tlv13.ReadHeader(ref r, "action", BadLen, out var type, out var len);
        OfpAction action;
        switch (type)
        {
            case Output:
                Expect(type, len, 16);
                action = new OutputAction(new PortNumber(b.ReadU32()), b.ReadU16());
                b.Skip(6);
                return action;
            case CopyTtlOut: return Empty(ref b, type, len, new CopyTtlOutAction());
            case CopyTtlIn: return Empty(ref b, type, len, new CopyTtlInAction());
            case DecMplsTtl: return Empty(ref b, type, len, new DecMplsTtlAction());
            case PopVlan: return Empty(ref b, type, len, new PopVlanAction());
            case DecNwTtl: return Empty(ref b, type, len, new DecNwTtlAction());
            case PopPbb: return Empty(ref b, type, len, new PopPbbAction());
            case SetMplsTtl:
                Expect(type, len, 8);
                action = new SetMplsTtlAction(b.ReadU8());
                b.Skip(3);
                return action;
            case SetNwTtl:
                Expect(type, len, 8);
                action = new SetNwTtlAction(b.ReadU8());
                b.Skip(3);
                return action;
            case PushVlan: return EtherTypeAction(ref b, type, len, e => new PushVlanAction(e));
            case PushMpls: return EtherTypeAction(ref b, type, len, e => new PushMplsAction(e));
            case PopMpls: return EtherTypeAction(ref b, type, len, e => new PopMplsAction(e));
            case PushPbb: return EtherTypeAction(ref b, type, len, e => new PushPbbAction(e));
            case SetQueue:
                Expect(type, len, 8);
                return new SetQueueAction(b.ReadU32());
            case Group:
                Expect(type, len, 8);
                return new GroupAction(new GroupId(b.ReadU32()));
            case SetField:
                var field = MatchCodec13.ReadOxm(ref b);
                if (field.HasMask)
                {
                    throw OpenFlowDecodeException.BadAction(BadActionCode.BadSetArgument, $"set_field {field} must not carry a mask");
                }

                if (b.Remaining >= 8)
                {
                    throw OpenFlowDecodeException.BadAction(BadActionCode.BadSetLen, $"set_field has {b.Remaining} bytes of padding");
                }

                return new SetFieldAction(field);
            case Experimenter:
                if (len < 8)
                {
                    throw OpenFlowDecodeException.BadAction(BadActionCode.BadLen, "experimenter action shorter than 8 bytes");
                }

                return new ExperimenterAction(b.ReadU32(), b.ReadRest());
            default:
                return new UnknownAction(type, b.ReadRest());
        }
    }

    /// <summary>Encoded length of an action list in bytes.</summary>
    public static int ListLength(ValueArray<OfpAction> actions)
    {
        var n = 0;
        foreach (var a in actions)
        {
            n += Length(a);
        }

        return n;
    }

    /// <summary>Encoded length of one action in bytes.</summary>
    /// <exception cref="OpenFlowEncodeException">Unsupported action record.</exception>
    public static int Length(OfpAction action) => action switch
    {
        OutputAction => 16,
        SetFieldAction s => Tlv13.Padded(4 + s.Field.WireLength),
        ExperimenterAction e => Tlv13.Padded(8 + e.Data.Count),
        UnknownAction u => Tlv13.Padded(4 + u.Body.Count),
        CopyTtlOutAction or CopyTtlInAction or SetMplsTtlAction or DecMplsTtlAction or PushVlanAction or PopVlanAction
            or PushMplsAction or PopMplsAction or SetQueueAction or GroupAction or SetNwTtlAction or DecNwTtlAction
            or PushPbbAction or PopPbbAction => 8,
        EnqueueAction => throw new OpenFlowEncodeException("EnqueueAction is OpenFlow 1.0 only; in OpenFlow 1.3 use SetQueueAction followed by OutputAction."),
        _ => throw new OpenFlowEncodeException($"{action.GetType().Name} has no OpenFlow 1.3 encoding."),
    };

    /// <summary>Writes an action list.</summary>
    public static void WriteList(ref SpanWriter w, ValueArray<OfpAction> actions)
    {
        foreach (var a in actions)
        {
            Write(ref w, a);
        }
    }

    /// <summary>Writes one action.</summary>
    /// <exception cref="OpenFlowEncodeException">Unsupported action record.</exception>
    public static void Write(ref SpanWriter w, OfpAction action)
    {
        var len = Length(action);
        var start = w.Position;
        switch (action)
        {
            case OutputAction o: Tlv13.WriteHeader(ref w, Output, len); w.WriteU32(o.Port.Value); w.WriteU16(o.MaxLength); break;
            case CopyTtlOutAction: Tlv13.WriteHeader(ref w, CopyTtlOut, len); break;
            case CopyTtlInAction: Tlv13.WriteHeader(ref w, CopyTtlIn, len); break;
            case SetMplsTtlAction s: Tlv13.WriteHeader(ref w, SetMplsTtl, len); w.WriteU8(s.Ttl); break;
            case DecMplsTtlAction: Tlv13.WriteHeader(ref w, DecMplsTtl, len); break;
            case PushVlanAction p: Tlv13.WriteHeader(ref w, PushVlan, len); w.WriteU16(p.EtherType); break;
            case PopVlanAction: Tlv13.WriteHeader(ref w, PopVlan, len); break;
            case PushMplsAction p: Tlv13.WriteHeader(ref w, PushMpls, len); w.WriteU16(p.EtherType); break;
            case PopMplsAction p: Tlv13.WriteHeader(ref w, PopMpls, len); w.WriteU16(p.EtherType); break;
            case SetQueueAction q: Tlv13.WriteHeader(ref w, SetQueue, len); w.WriteU32(q.QueueId); break;
            case GroupAction g: Tlv13.WriteHeader(ref w, Group, len); w.WriteU32(g.Group.Value); break;
            case SetNwTtlAction s: Tlv13.WriteHeader(ref w, SetNwTtl, len); w.WriteU8(s.Ttl); break;
            case DecNwTtlAction: Tlv13.WriteHeader(ref w, DecNwTtl, len); break;
            case SetFieldAction s: Tlv13.WriteHeader(ref w, SetField, len); MatchCodec13.WriteOxm(ref w, s.Field); break;
            case PushPbbAction p: Tlv13.WriteHeader(ref w, PushPbb, len); w.WriteU16(p.EtherType); break;
            case PopPbbAction: Tlv13.WriteHeader(ref w, PopPbb, len); break;
            case ExperimenterAction e: Tlv13.WriteHeader(ref w, Experimenter, len); w.WriteU32(e.Experimenter); w.WriteBytes(e.Data.AsSpan()); break;
            case UnknownAction u: Tlv13.WriteHeader(ref w, u.Type, len); w.WriteBytes(u.Body.AsSpan()); break;
            default: throw new OpenFlowEncodeException($"{action.GetType().Name} has no OpenFlow 1.3 encoding.");
        }

        w.WriteZeros(len - (w.Position - start));
    }

    private static void Expect(ushort type, int len, int expected) => Tlv13.ExpectLength("action", type, len, expected, BadLen);

    private static OfpAction Empty(ref SpanReader b, ushort type, int len, OfpAction action)
    {
        Expect(type, len, 8);
        b.Skip(4);
        return action;
    }

    private static OfpAction EtherTypeAction(ref SpanReader b, ushort type, int len, Func<ushort, OfpAction> make)
    {
        Expect(type, len, 8);
        var a = make(b.ReadU16());
        b.Skip(2);
        return a;
    }
}
