using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// OpenFlow 1.0 action lists (OpenFlow 1.0.0 §5.2.4): each action is type, length (a multiple of 8, header included), body.
/// </summary>
/// <remarks>
/// <para>Mapping: OUTPUT ↔ <see cref="OutputAction"/>; SET_VLAN_VID ↔ set-field VLAN_VID (value with OFPVID_PRESENT);
/// SET_VLAN_PCP ↔ set-field VLAN_PCP; STRIP_VLAN ↔ <see cref="PopVlanAction"/>; SET_DL_SRC/DST ↔ set-field
/// ETH_SRC/ETH_DST; SET_NW_SRC/DST ↔ set-field IPV4_SRC/IPV4_DST; SET_NW_TOS ↔ set-field IP_DSCP (<c>tos = dscp &lt;&lt; 2</c>);
/// SET_TP_SRC/DST ↔ set-field TCP_*, UDP_* or SCTP_*; ENQUEUE ↔ <see cref="EnqueueAction"/>; VENDOR ↔
/// <see cref="ExperimenterAction"/>; other types ↔ <see cref="UnknownAction"/> (kept whole).</para>
/// <para>SET_TP_* names no protocol (the switch rewrites whichever transport header the packet has), so decoding
/// picks the OXM from the flow's match: IP_PROTO 17 → UDP_*, 132 → SCTP_*, anything else (or no match, as in
/// PACKET_OUT) → TCP_*. Encoding accepts all three.</para>
/// <para>Encoding any other action (groups, MPLS, TTL, PBB, push-VLAN, set-queue, set-field of other fields or with a
/// mask) throws <see cref="OpenFlowEncodeException"/>.</para>
/// </remarks>
public static class ActionCodec10
{
    private const ushort Output = 0, SetVlanVid = 1, SetVlanPcp = 2, StripVlan = 3, SetDlSrc = 4, SetDlDst = 5, SetNwSrc = 6,
        SetNwDst = 7, SetNwTos = 8, SetTpSrc = 9, SetTpDst = 10, Enqueue = 11, Vendor = 0xffff;

    /// <summary>Reads actions until <paramref name="r"/> is exhausted.</summary>
    /// <param name="r">The action list.</param>
    /// <param name="ipProto">The IP protocol the flow's match pins (chooses the OXM of SET_TP_*), or null.</param>
    /// <exception cref="OpenFlowDecodeException">BAD_ACTION/BAD_LEN for a bad length, BAD_ACTION/BAD_ARGUMENT for an out-of-range value.</exception>
    public static ValueArray<OfpAction> ReadList(ref SpanReader r, byte? ipProto = null)
    {
        if (r.Remaining == 0)
        {
            return ValueArray<OfpAction>.Empty;
        }

        var list = new List<OfpAction>();
        while (r.Remaining > 0)
        {
            list.Add(Read(ref r, ipProto));
        }

        return ValueArray.From(list);
    }

    private static OfpAction Read(ref SpanReader r, byte? ipProto)
    {
        if (r.Remaining < 4)
        {
            throw BadLen($"action header needs 4 bytes, {r.Remaining} left");
        }

        var type = r.ReadU16();
        var len = r.ReadU16();
        if (len < 8 || len % 8 != 0 || len - 4 > r.Remaining)
        {
            throw BadLen($"action type {type} length {len} (must be a multiple of 8, at least 8, within the list)");
        }

        var b = r.Sub(len - 4);
        switch (type)
        {
            case Output:
                Expect(type, len, 8);
                return new OutputAction(Port10.FromWire(b.ReadU16()), b.ReadU16());
            case SetVlanVid:
            {
                Expect(type, len, 8);
                var vid = b.ReadU16();
                b.Skip(2);
                return vid > 0xfff
                    ? throw BadArgument($"SET_VLAN_VID {vid} is not a 12-bit VID")
                    : new SetFieldAction(OxmField.VlanVid(vid));
            }

            case SetVlanPcp:
            {
                Expect(type, len, 8);
                var pcp = b.ReadU8();
                b.Skip(3);
                return pcp > 7
                    ? throw BadArgument($"SET_VLAN_PCP {pcp} is not a 3-bit priority")
                    : new SetFieldAction(OxmField.Basic(OxmBasicField.VlanPcp, pcp));
            }

            case StripVlan:
                Expect(type, len, 8);
                b.Skip(4);
                return new PopVlanAction();
            case SetDlSrc or SetDlDst:
            {
                Expect(type, len, 16);
                var mac = b.ReadMac();
                b.Skip(6);
                return new SetFieldAction(type == SetDlSrc ? OxmField.EthSrc(mac) : OxmField.EthDst(mac));
            }

            case SetNwSrc or SetNwDst:
                Expect(type, len, 8);
                return new SetFieldAction(type == SetNwSrc ? OxmField.Ipv4Src(b.ReadU32()) : OxmField.Ipv4Dst(b.ReadU32()));
            case SetNwTos:
            {
                Expect(type, len, 8);
                var tos = b.ReadU8();
                b.Skip(3);
                return (tos & 3) != 0
                    ? throw BadArgument($"SET_NW_TOS 0x{tos:x2} sets the ECN bits (only the 6 DSCP bits may be set)")
                    : new SetFieldAction(OxmField.Basic(OxmBasicField.IpDscp, (byte)(tos >> 2)));
            }

            case SetTpSrc or SetTpDst:
            {
                Expect(type, len, 8);
                var port = b.ReadU16();
                b.Skip(2);
                var (src, dst) = ipProto switch
                {
                    17 => (OxmBasicField.UdpSrc, OxmBasicField.UdpDst),
                    132 => (OxmBasicField.SctpSrc, OxmBasicField.SctpDst),
                    _ => (OxmBasicField.TcpSrc, OxmBasicField.TcpDst),
                };
                return new SetFieldAction(OxmField.Basic(type == SetTpSrc ? src : dst, port));
            }

            case Enqueue:
            {
                Expect(type, len, 16);
                var port = Port10.FromWire(b.ReadU16());
                b.Skip(6);
                return new EnqueueAction(port, b.ReadU32());
            }

            case Vendor:
                return new ExperimenterAction(b.ReadU32(), b.ReadRest());
            default:
                return new UnknownAction(type, b.ReadRest());
        }
    }

    /// <summary>Encoded length of an action list in bytes.</summary>
    /// <exception cref="OpenFlowEncodeException">An action has no 1.0 form.</exception>
    public static int ListLength(ValueArray<OfpAction> actions)
    {
        var n = 0;
        foreach (var a in actions)
        {
            n += Length(a);
        }

        return n;
    }

    /// <summary>Encoded length of one action in bytes; also checks that it has a 1.0 form.</summary>
    /// <exception cref="OpenFlowEncodeException">The action has no 1.0 form.</exception>
    public static int Length(OfpAction action) => action switch
    {
        OutputAction o => Check(Port10.ToWire(o.Port), 8),
        PopVlanAction => 8,
        EnqueueAction e => Check(Port10.ToWire(e.Port), 16),
        SetFieldAction s => SetFieldType(s.Field) is SetDlSrc or SetDlDst ? 16 : 8,
        ExperimenterAction e => Padded(8 + e.Data.Count),
        UnknownAction u => Padded(4 + u.Body.Count),
        _ => throw new OpenFlowEncodeException($"{action.GetType().Name} has no OpenFlow 1.0 form (1.0 actions: output, set VLAN VID/PCP, strip VLAN, set Ethernet/IPv4 addresses, ToS and transport ports, enqueue, vendor)."),
    };

    /// <summary>Writes an action list.</summary>
    /// <exception cref="OpenFlowEncodeException">An action has no 1.0 form.</exception>
    public static void WriteList(ref SpanWriter w, ValueArray<OfpAction> actions)
    {
        foreach (var a in actions)
        {
            Write(ref w, a);
        }
    }

    private static void Write(ref SpanWriter w, OfpAction action)
    {
        var len = Length(action);
        var start = w.Position;
        switch (action)
        {
            case OutputAction o:
                Header(ref w, Output, len);
                w.WriteU16(Port10.ToWire(o.Port));
                w.WriteU16(o.MaxLength);
                break;
            case PopVlanAction:
                Header(ref w, StripVlan, len);
                break;
            case EnqueueAction e:
                Header(ref w, Enqueue, len);
                w.WriteU16(Port10.ToWire(e.Port));
                w.WriteZeros(6);
                w.WriteU32(e.QueueId);
                break;
            case SetFieldAction s:
                var type = SetFieldType(s.Field);
                Header(ref w, type, len);
                var v = s.Field.Value.Count <= 8 ? s.Field.ValueAsUInt64() : 0;
                switch (type)
                {
                    case SetVlanVid: w.WriteU16((ushort)(v & 0xfff)); break;
                    case SetVlanPcp: w.WriteU8((byte)v); break;
                    case SetDlSrc or SetDlDst: w.WriteMac(s.Field.ValueAsMac()); break;
                    case SetNwSrc or SetNwDst: w.WriteU32((uint)v); break;
                    case SetNwTos: w.WriteU8((byte)(v << 2)); break;
                    default: w.WriteU16((ushort)v); break;
                }

                break;
            case ExperimenterAction e:
                Header(ref w, Vendor, len);
                w.WriteU32(e.Experimenter);
                w.WriteBytes(e.Data.AsSpan());
                break;
            case UnknownAction u:
                Header(ref w, u.Type, len);
                w.WriteBytes(u.Body.AsSpan());
                break;
        }

        w.WriteZeros(len - (w.Position - start));
    }

    /// <summary>The 1.0 action type for a set-field, after checking the value fits it.</summary>
    private static ushort SetFieldType(OxmField f)
    {
        if (!f.IsBasic || f.HasMask || !OxmFieldInfo.IsKnown(f.Field))
        {
            throw new OpenFlowEncodeException($"set_field {f} has no OpenFlow 1.0 action.");
        }

        var v = f.Value.Count <= 8 ? f.ValueAsUInt64() : 0;
        switch (f.BasicField)
        {
            case OxmBasicField.VlanVid:
                return (v & OxmField.VlanPresent) != 0 && v <= 0x1fff
                    ? SetVlanVid
                    : throw new OpenFlowEncodeException($"set_field {f}: a VLAN_VID to set must carry OFPVID_PRESENT (0x1000) and a 12-bit VID.");
            case OxmBasicField.VlanPcp:
                return v <= 7 ? SetVlanPcp : throw new OpenFlowEncodeException($"set_field {f}: VLAN_PCP is 3 bits.");
            case OxmBasicField.EthSrc: return SetDlSrc;
            case OxmBasicField.EthDst: return SetDlDst;
            case OxmBasicField.Ipv4Src: return SetNwSrc;
            case OxmBasicField.Ipv4Dst: return SetNwDst;
            case OxmBasicField.IpDscp:
                return v <= 63 ? SetNwTos : throw new OpenFlowEncodeException($"set_field {f}: IP_DSCP is 6 bits.");
            case OxmBasicField.TcpSrc or OxmBasicField.UdpSrc or OxmBasicField.SctpSrc: return SetTpSrc;
            case OxmBasicField.TcpDst or OxmBasicField.UdpDst or OxmBasicField.SctpDst: return SetTpDst;
            default:
                throw new OpenFlowEncodeException($"set_field {f.BasicField} has no OpenFlow 1.0 action.");
        }
    }

    private static int Check(ushort port, int length)
    {
        _ = port;
        return length;
    }

    private static void Header(ref SpanWriter w, ushort type, int length)
    {
        w.WriteU16(type);
        w.WriteU16((ushort)length);
    }

    private static int Padded(int n) => n + CommonCodec.Pad8(n);

    private static void Expect(ushort type, int len, int expected)
    {
        if (len != expected)
        {
            throw BadLen($"action type {type} length {len}, expected {expected}");
        }
    }

    private static OpenFlowDecodeException BadLen(string m) => OpenFlowDecodeException.BadAction(BadActionCode.BadLen, m);

    private static OpenFlowDecodeException BadArgument(string m) => OpenFlowDecodeException.BadAction(BadActionCode.BadArgument, m);
}
