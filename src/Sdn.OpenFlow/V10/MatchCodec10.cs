using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// The fixed 40-byte OpenFlow 1.0 <c>ofp_match</c> (OpenFlow 1.0.0 §5.2.3) ↔ the version-neutral OXM
/// <see cref="Match"/>.
/// </summary>
/// <remarks>
/// <para>Field mapping (a 1.0 field is used when its wildcard bit is clear):</para>
/// <list type="bullet">
/// <item><c>in_port</c> ↔ IN_PORT (16-bit ↔ 32-bit numbers as in <see cref="Port10"/>); <c>dl_src</c>/<c>dl_dst</c> ↔ ETH_SRC/ETH_DST (exact only); <c>dl_type</c> ↔ ETH_TYPE.</item>
/// <item><c>dl_vlan</c>: <c>OFP_VLAN_NONE</c> (0xffff) ↔ VLAN_VID = 0 (OFPVID_NONE, untagged; a <c>dl_vlan_pcp</c> beside it
/// is ignored, as Open vSwitch does); a VID <c>v</c> ↔ VLAN_VID = <c>v | OFPVID_PRESENT</c>. <c>dl_vlan_pcp</c> ↔ VLAN_PCP;
/// a PCP with <c>dl_vlan</c> wildcarded ↔ VLAN_VID = 0x1000/0x1000 (any tagged packet) plus VLAN_PCP.</item>
/// <item>With <c>dl_type</c> = 0x0800: <c>nw_tos</c> ↔ IP_DSCP (<c>tos = dscp &lt;&lt; 2</c>; the ECN bits are dropped),
/// <c>nw_proto</c> ↔ IP_PROTO, <c>nw_src</c>/<c>nw_dst</c> ↔ IPV4_SRC/IPV4_DST (the wildcard bit count <c>n</c> ↔ a
/// /<c>32 − n</c> prefix mask; /32 is unmasked, /0 is no field; counts above 32 mean /0).</item>
/// <item>With <c>dl_type</c> = 0x0806: <c>nw_proto</c> ↔ ARP_OP (the opcode's low 8 bits, §5.2.3), <c>nw_src</c>/<c>nw_dst</c> ↔ ARP_SPA/ARP_TPA.</item>
/// <item><c>tp_src</c>/<c>tp_dst</c> by <c>nw_proto</c> (IPv4 only): 6 ↔ TCP_SRC/TCP_DST, 17 ↔ UDP_SRC/UDP_DST,
/// 132 ↔ SCTP_SRC/SCTP_DST, 1 ↔ ICMPV4_TYPE/ICMPV4_CODE (low 8 bits).</item>
/// </list>
/// <para>Decoding drops fields whose prerequisite the 1.0 match does not establish (e.g. <c>nw_src</c> without
/// <c>dl_type</c> 0x0800/0x0806, <c>tp_src</c> without a known <c>nw_proto</c>): a switch ignores them (§3.4) and
/// OXM cannot carry them. The values under wildcard bits are ignored. Decoded fields come in OXM id order.</para>
/// <para>Encoding accepts the fields above in any order and writes the all-wildcard layout Open vSwitch writes
/// (wildcarded fields zero, a wildcarded address as count 32). It throws <see cref="OpenFlowEncodeException"/> for
/// any other OXM field (metadata, IPv6, MPLS, tunnel id, ...), a mask 1.0 cannot express (only IPv4 prefix
/// masks, the any-tagged VLAN mask and all-ones masks), a duplicate field, or a field without its OXM
/// prerequisite (OpenFlow 1.3.5 §7.2.3.6), since 1.0 could only express a broader match.</para>
/// </remarks>
public static class MatchCodec10
{
    /// <summary>Size of <c>ofp_match</c> in bytes.</summary>
    public const int Length = 40;

    /// <summary>OFP_VLAN_NONE: <c>dl_vlan</c> value meaning "no 802.1Q tag".</summary>
    public const ushort VlanNone = 0xffff;

    // OFPFW_* wildcard bits (OpenFlow 1.0.0 §5.2.3 enum ofp_flow_wildcards).
    private const uint WInPort = 1 << 0, WDlVlan = 1 << 1, WDlSrc = 1 << 2, WDlDst = 1 << 3, WDlType = 1 << 4, WNwProto = 1 << 5,
        WTpSrc = 1 << 6, WTpDst = 1 << 7, WDlVlanPcp = 1 << 20, WNwTos = 1 << 21;

    private const int NwSrcShift = 8, NwDstShift = 14;

    private const ushort Ipv4 = 0x0800, Arp = 0x0806;

    /// <summary>Reads a 40-byte <c>ofp_match</c>.</summary>
    /// <exception cref="OpenFlowDecodeException">Fewer than 40 bytes (BAD_REQUEST/BAD_LEN).</exception>
    public static Match Read(ref SpanReader r)
    {
        var wc = r.ReadU32();
        var inPort = r.ReadU16();
        var dlSrc = r.ReadMac();
        var dlDst = r.ReadMac();
        var dlVlan = r.ReadU16();
        var dlVlanPcp = r.ReadU8();
        r.Skip(1);
        var dlType = r.ReadU16();
        var nwTos = r.ReadU8();
        var nwProto = r.ReadU8();
        r.Skip(2);
        var nwSrc = r.ReadU32();
        var nwDst = r.ReadU32();
        var tpSrc = r.ReadU16();
        var tpDst = r.ReadU16();

        var fields = new List<OxmField>(8);
        if ((wc & WInPort) == 0)
        {
            fields.Add(OxmField.InPort(Port10.FromWire(inPort)));
        }

        if ((wc & WDlDst) == 0)
        {
            fields.Add(OxmField.EthDst(dlDst));
        }

        if ((wc & WDlSrc) == 0)
        {
            fields.Add(OxmField.EthSrc(dlSrc));
        }

        var typed = (wc & WDlType) == 0;
        if (typed)
        {
            fields.Add(OxmField.EthType(dlType));
        }

        var pcpMatched = (wc & WDlVlanPcp) == 0;
        if ((wc & WDlVlan) == 0)
        {
            if (dlVlan == VlanNone)
            {
                fields.Add(OxmField.Basic(OxmBasicField.VlanVid, 0));
            }
            else
            {
                fields.Add(OxmField.VlanVid((ushort)(dlVlan & 0xfff)));
                if (pcpMatched)
                {
                    fields.Add(OxmField.Basic(OxmBasicField.VlanPcp, (byte)(dlVlanPcp & 7)));
                }
            }
        }
        else if (pcpMatched)
        {
            fields.Add(OxmField.Basic(OxmBasicField.VlanVid, OxmField.VlanPresent, OxmField.VlanPresent));
            fields.Add(OxmField.Basic(OxmBasicField.VlanPcp, (byte)(dlVlanPcp & 7)));
        }

        var protoMatched = (wc & WNwProto) == 0;
        var srcMask = PrefixMask(wc >> NwSrcShift);
        var dstMask = PrefixMask(wc >> NwDstShift);
        if (typed && dlType == Ipv4)
        {
            if ((wc & WNwTos) == 0)
            {
                fields.Add(OxmField.Basic(OxmBasicField.IpDscp, (byte)(nwTos >> 2)));
            }

            if (protoMatched)
            {
                fields.Add(OxmField.IpProto(nwProto));
            }

            AddAddress(fields, OxmBasicField.Ipv4Src, nwSrc, srcMask);
            AddAddress(fields, OxmBasicField.Ipv4Dst, nwDst, dstMask);
            if (protoMatched && TransportFields(nwProto) is var (src, dst))
            {
                var narrow = nwProto == 1;
                if ((wc & WTpSrc) == 0)
                {
                    fields.Add(OxmField.Basic(src, narrow ? (byte)tpSrc : tpSrc));
                }

                if ((wc & WTpDst) == 0)
                {
                    fields.Add(OxmField.Basic(dst, narrow ? (byte)tpDst : tpDst));
                }
            }
        }
        else if (typed && dlType == Arp)
        {
            if (protoMatched)
            {
                fields.Add(OxmField.Basic(OxmBasicField.ArpOp, nwProto));
            }

            AddAddress(fields, OxmBasicField.ArpSpa, nwSrc, srcMask);
            AddAddress(fields, OxmBasicField.ArpTpa, nwDst, dstMask);
        }

        return fields.Count == 0 ? Match.Any : new Match(ValueArray.From(fields));
    }

    /// <summary>Writes <paramref name="match"/> as a 40-byte <c>ofp_match</c>.</summary>
    /// <exception cref="OpenFlowEncodeException">The match has a field, mask or combination 1.0 cannot express.</exception>
    public static void Write(ref SpanWriter w, Match match)
    {
        var m = Wire10Match.From(match);
        w.WriteU32(m.Wildcards);
        w.WriteU16(m.InPort);
        w.WriteMac(m.DlSrc);
        w.WriteMac(m.DlDst);
        w.WriteU16(m.DlVlan);
        w.WriteU8(m.DlVlanPcp);
        w.WriteZeros(1);
        w.WriteU16(m.DlType);
        w.WriteU8(m.NwTos);
        w.WriteU8(m.NwProto);
        w.WriteZeros(2);
        w.WriteU32(m.NwSrc);
        w.WriteU32(m.NwDst);
        w.WriteU16(m.TpSrc);
        w.WriteU16(m.TpDst);
    }

    /// <summary>
    /// Writes a hot-path <see cref="Flows.FlowMatch"/> as an <c>ofp_match</c> without allocating: the same bytes as
    /// <see cref="Write(ref SpanWriter, Match)"/> of <see cref="Flows.FlowMatch.ToMatch"/>.
    /// </summary>
    /// <exception cref="OpenFlowEncodeException">A port without a 16-bit form, a VID above 4095, or IP fields without ETH_TYPE 0x0800.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one caller on the hot path (FlowRuleCodec10.Write)
    internal static void Write(ref SpanWriter w, in Flows.FlowMatch m)
    {
        var wc = WInPort | WDlVlan | WDlSrc | WDlDst | WDlType | WNwProto | WTpSrc | WTpDst | WDlVlanPcp | WNwTos | (32u << NwSrcShift) | (32u << NwDstShift);
        ushort inPort = 0;
        if (m.InPort is { } p)
        {
            inPort = Port10.ToWire(p);
            wc &= ~WInPort;
        }

        wc &= m.EthDst is null ? ~0u : ~WDlDst;
        wc &= m.EthSrc is null ? ~0u : ~WDlSrc;
        wc &= m.EthType is null ? ~0u : ~WDlType;
        if (m.VlanVid is { } vid)
        {
            if (vid > 0x1fff)
            {
                throw new OpenFlowEncodeException($"OpenFlow 1.0 match cannot express this: VLAN id {vid} is not 12 bits.");
            }

            wc &= ~WDlVlan;
        }

        if ((m.IpProto is not null || m.Ipv4Src is not null || m.Ipv4Dst is not null) && m.EthType != Ipv4)
        {
            throw new OpenFlowEncodeException("OpenFlow 1.0 match cannot express this: IP_PROTO/IPV4_SRC/IPV4_DST need ETH_TYPE=0x0800 (OpenFlow 1.3.5 §7.2.3.6 prerequisites).");
        }

        wc &= m.IpProto is null ? ~0u : ~WNwProto;
        if (m.Ipv4Src is not null)
        {
            wc &= ~(0x3fu << NwSrcShift);
        }

        if (m.Ipv4Dst is not null)
        {
            wc &= ~(0x3fu << NwDstShift);
        }

        // All 40 bytes at fixed offsets into one reserved slice (one bounds check, not one per field).
        var d = w.Reserve(Length);
        ref var b = ref MemoryMarshal.GetReference(d);
        FixedOffsets.Put(ref b, 0, wc);
        FixedOffsets.Put(ref b, 4, inPort);
        FixedOffsets.Put(ref b, 6, m.EthSrc ?? default);
        FixedOffsets.Put(ref b, 12, m.EthDst ?? default);
        FixedOffsets.Put(ref b, 18, (ushort)((m.VlanVid ?? 0) & 0xfff));
        FixedOffsets.Put(ref b, 20, (ushort)0); // dl_vlan_pcp, pad1
        FixedOffsets.Put(ref b, 22, m.EthType ?? 0);
        FixedOffsets.Put(ref b, 24, (byte)0); // nw_tos
        FixedOffsets.Put(ref b, 25, m.IpProto ?? 0);
        FixedOffsets.Put(ref b, 26, (ushort)0);
        FixedOffsets.Put(ref b, 28, m.Ipv4Src ?? 0);
        FixedOffsets.Put(ref b, 32, m.Ipv4Dst ?? 0);
        FixedOffsets.Put(ref b, 36, 0u); // tp_src, tp_dst
    }

    /// <summary>Throws what <see cref="Write(ref SpanWriter, in Flows.FlowMatch)"/> would throw, without writing.</summary>
    /// <exception cref="OpenFlowEncodeException">The match has no 1.0 form.</exception>
    internal static void Validate(in Flows.FlowMatch m)
    {
        if (m.InPort is { } p)
        {
            Port10.ToWire(p);
        }

        if (m.VlanVid > 0x1fff) // as the record path: VlanVid(v) sets OFPVID_PRESENT, so v may already carry it
        {
            throw new OpenFlowEncodeException($"OpenFlow 1.0 match cannot express this: VLAN id {m.VlanVid} is not 12 bits.");
        }

        if ((m.IpProto is not null || m.Ipv4Src is not null || m.Ipv4Dst is not null) && m.EthType != Ipv4)
        {
            throw new OpenFlowEncodeException("OpenFlow 1.0 match cannot express this: IP_PROTO/IPV4_SRC/IPV4_DST need ETH_TYPE=0x0800 (OpenFlow 1.3.5 §7.2.3.6 prerequisites).");
        }
    }

    /// <summary>Throws unless <paramref name="match"/> has a 1.0 form (for length computations that do not write).</summary>
    /// <exception cref="OpenFlowEncodeException">The match has a field, mask or combination 1.0 cannot express.</exception>
    public static void Validate(Match match) => Wire10Match.From(match);

    /// <summary>The IP protocol the match pins (IP_PROTO with ETH_TYPE 0x0800), or null: chooses how SET_TP_* actions decode.</summary>
    internal static byte? IpProtocol(Match match) =>
        match.Get(OxmBasicField.IpProto) is { } p && match.Get(OxmBasicField.EthType)?.ValueAsUInt64() == Ipv4 ? (byte)p.ValueAsUInt64() : null;

    /// <summary>The transport OXM fields <c>tp_src</c>/<c>tp_dst</c> stand for under an IPv4 <c>nw_proto</c>.</summary>
    private static (OxmBasicField Src, OxmBasicField Dst)? TransportFields(byte proto) => proto switch
    {
        6 => (OxmBasicField.TcpSrc, OxmBasicField.TcpDst),
        17 => (OxmBasicField.UdpSrc, OxmBasicField.UdpDst),
        132 => (OxmBasicField.SctpSrc, OxmBasicField.SctpDst),
        1 => (OxmBasicField.Icmpv4Type, OxmBasicField.Icmpv4Code),
        _ => null,
    };

    /// <summary>The netmask for a 6-bit wildcard count (0 = exact, ≥ 32 = everything wildcarded).</summary>
    private static uint PrefixMask(uint bits)
    {
        var n = (int)(bits & 0x3f);
        return n >= 32 ? 0u : uint.MaxValue << n;
    }

    private static void AddAddress(List<OxmField> fields, OxmBasicField field, uint value, uint mask)
    {
        if (mask == uint.MaxValue)
        {
            fields.Add(OxmField.Basic(field, value));
        }
        else if (mask != 0)
        {
            fields.Add(OxmField.Basic(field, value & mask, mask));
        }
    }

    /// <summary>The wire fields of an <c>ofp_match</c>, built from OXM with every check done up front.</summary>
    private struct Wire10Match
    {
        public uint Wildcards;
        public ushort InPort, DlVlan, DlType, TpSrc, TpDst;
        public MacAddress DlSrc, DlDst;
        public byte DlVlanPcp, NwTos, NwProto;
        public uint NwSrc, NwDst;

        public static Wire10Match From(Match match)
        {
            var m = new Wire10Match
            {
                Wildcards = WInPort | WDlVlan | WDlSrc | WDlDst | WDlType | WNwProto | WTpSrc | WTpDst | WDlVlanPcp | WNwTos
                    | (32u << NwSrcShift) | (32u << NwDstShift),
            };
            OxmField? vlanVid = null, vlanPcp = null, ethType = null, ipProto = null, arpOp = null;
            OxmField? ipSrc = null, ipDst = null, arpSpa = null, arpTpa = null, dscp = null;
            OxmField? tpSrc = null, tpDst = null;
            var seen = 0UL;
            foreach (var f in match.Fields)
            {
                if (!f.IsBasic || !OxmFieldInfo.IsKnown(f.Field))
                {
                    throw Unexpressible($"OXM field {f} has no OpenFlow 1.0 match form");
                }

                if ((seen & (1UL << f.Field)) != 0)
                {
                    throw Unexpressible($"OXM field {f.BasicField} appears twice");
                }

                seen |= 1UL << f.Field;
                switch (f.BasicField)
                {
                    case OxmBasicField.InPort:
                        Exact(f);
                        m.InPort = Port10.ToWire(new PortNumber((uint)f.ValueAsUInt64()));
                        m.Wildcards &= ~WInPort;
                        break;
                    case OxmBasicField.EthDst:
                        Exact(f);
                        m.DlDst = f.ValueAsMac();
                        m.Wildcards &= ~WDlDst;
                        break;
                    case OxmBasicField.EthSrc:
                        Exact(f);
                        m.DlSrc = f.ValueAsMac();
                        m.Wildcards &= ~WDlSrc;
                        break;
                    case OxmBasicField.EthType: ethType = f; break;
                    case OxmBasicField.VlanVid: vlanVid = f; break;
                    case OxmBasicField.VlanPcp: vlanPcp = f; break;
                    case OxmBasicField.IpDscp: dscp = f; break;
                    case OxmBasicField.IpProto: ipProto = f; break;
                    case OxmBasicField.Ipv4Src: ipSrc = f; break;
                    case OxmBasicField.Ipv4Dst: ipDst = f; break;
                    case OxmBasicField.ArpOp: arpOp = f; break;
                    case OxmBasicField.ArpSpa: arpSpa = f; break;
                    case OxmBasicField.ArpTpa: arpTpa = f; break;
                    case OxmBasicField.TcpSrc or OxmBasicField.UdpSrc or OxmBasicField.SctpSrc or OxmBasicField.Icmpv4Type:
                        tpSrc = tpSrc is null ? f : throw Unexpressible($"{tpSrc.Value.BasicField} and {f.BasicField} together");
                        break;
                    case OxmBasicField.TcpDst or OxmBasicField.UdpDst or OxmBasicField.SctpDst or OxmBasicField.Icmpv4Code:
                        tpDst = tpDst is null ? f : throw Unexpressible($"{tpDst.Value.BasicField} and {f.BasicField} together");
                        break;
                    default:
                        throw Unexpressible($"OXM field {f.BasicField} has no OpenFlow 1.0 match form");
                }
            }

            if (ethType is { } et)
            {
                Exact(et);
                m.DlType = (ushort)et.ValueAsUInt64();
                m.Wildcards &= ~WDlType;
            }

            m.SetVlan(vlanVid, vlanPcp);

            var isIpv4 = ethType is not null && m.DlType == Ipv4;
            var isArp = ethType is not null && m.DlType == Arp;
            if (dscp is { } d)
            {
                Require(isIpv4, d, "ETH_TYPE=0x0800");
                Exact(d);
                var v = d.ValueAsUInt64();
                if (v > 63)
                {
                    throw Unexpressible($"IP_DSCP {v} is not a 6-bit DSCP");
                }

                m.NwTos = (byte)(v << 2);
                m.Wildcards &= ~WNwTos;
            }

            if (ipProto is { } p)
            {
                Require(isIpv4, p, "ETH_TYPE=0x0800");
                Exact(p);
                m.NwProto = (byte)p.ValueAsUInt64();
                m.Wildcards &= ~WNwProto;
            }

            if (arpOp is { } op)
            {
                Require(isArp, op, "ETH_TYPE=0x0806");
                Exact(op);
                var v = op.ValueAsUInt64();
                if (v > 0xff)
                {
                    throw Unexpressible($"ARP_OP {v}: OpenFlow 1.0 carries only the opcode's low 8 bits");
                }

                m.NwProto = (byte)v;
                m.Wildcards &= ~WNwProto;
            }

            if (ipSrc is not null || ipDst is not null)
            {
                Require(isIpv4, (ipSrc ?? ipDst)!.Value, "ETH_TYPE=0x0800");
            }

            if (arpSpa is not null || arpTpa is not null)
            {
                Require(isArp, (arpSpa ?? arpTpa)!.Value, "ETH_TYPE=0x0806");
            }

            if ((ipSrc ?? arpSpa) is { } src)
            {
                (m.NwSrc, var count) = Address(src);
                m.Wildcards = (m.Wildcards & ~(0x3fu << NwSrcShift)) | (count << NwSrcShift);
            }

            if ((ipDst ?? arpTpa) is { } dst)
            {
                (m.NwDst, var count) = Address(dst);
                m.Wildcards = (m.Wildcards & ~(0x3fu << NwDstShift)) | (count << NwDstShift);
            }

            if (tpSrc is not null || tpDst is not null)
            {
                var any = (tpSrc ?? tpDst)!.Value;
                var proto = any.BasicField switch
                {
                    OxmBasicField.TcpSrc or OxmBasicField.TcpDst => 6,
                    OxmBasicField.UdpSrc or OxmBasicField.UdpDst => 17,
                    OxmBasicField.SctpSrc or OxmBasicField.SctpDst => 132,
                    _ => 1,
                };
                Require(isIpv4 && ipProto is not null && m.NwProto == proto, any, $"ETH_TYPE=0x0800 and IP_PROTO={proto}");
                if (tpSrc is { } s)
                {
                    RequireProtocol(s, proto);
                    Exact(s);
                    m.TpSrc = (ushort)s.ValueAsUInt64();
                    m.Wildcards &= ~WTpSrc;
                }

                if (tpDst is { } t)
                {
                    RequireProtocol(t, proto);
                    Exact(t);
                    m.TpDst = (ushort)t.ValueAsUInt64();
                    m.Wildcards &= ~WTpDst;
                }
            }

            return m;
        }

        private void SetVlan(OxmField? vid, OxmField? pcp)
        {
            if (vid is not { } v)
            {
                if (pcp is { } orphan)
                {
                    throw Unexpressible($"{orphan} needs VLAN_VID (OpenFlow 1.3.5 §7.2.3.6 prerequisites)");
                }

                return;
            }

            var value = (ushort)v.ValueAsUInt64();
            var mask = (ushort)(v.MaskAsUInt64() & 0x1fff); // unmasked or all-ones: exact
            if (mask == 0x1fff && value == 0)
            {
                if (pcp is { } contradiction)
                {
                    throw Unexpressible($"{contradiction} with VLAN_VID=OFPVID_NONE (untagged)");
                }

                DlVlan = VlanNone;
                Wildcards &= ~WDlVlan;
                return;
            }

            if (mask == 0x1fff && (value & OxmField.VlanPresent) != 0 && value <= 0x1fff)
            {
                DlVlan = (ushort)(value & 0xfff);
                Wildcards &= ~WDlVlan;
            }
            else if (mask == OxmField.VlanPresent && value == OxmField.VlanPresent && pcp is not null)
            {
                // Any tagged packet: 1.0 says this only through a PCP match with dl_vlan wildcarded.
            }
            else
            {
                throw Unexpressible($"VLAN_VID {v} (1.0 matches one VID, OFPVID_NONE, or any tag together with a PCP)");
            }

            if (pcp is { } p)
            {
                Exact(p);
                var pv = p.ValueAsUInt64();
                if (pv > 7)
                {
                    throw Unexpressible($"VLAN_PCP {pv} is not a 3-bit priority");
                }

                DlVlanPcp = (byte)pv;
                Wildcards &= ~WDlVlanPcp;
            }
        }

        private static (uint Value, uint WildcardCount) Address(OxmField f)
        {
            var value = (uint)f.ValueAsUInt64();
            var mask = (uint)f.MaskAsUInt64();
            var prefix = System.Numerics.BitOperations.PopCount(mask);
            if (prefix != 0 && mask != uint.MaxValue << (32 - prefix))
            {
                throw Unexpressible($"{f}: OpenFlow 1.0 takes only prefix (CIDR) masks on IPv4 addresses");
            }

            return (value & mask, (uint)(32 - prefix));
        }

        private static void Exact(OxmField f)
        {
            if (f.HasMask && f.MaskAsUInt64() != (f.Value.Count >= 8 ? ulong.MaxValue : (1UL << (8 * f.Value.Count)) - 1))
            {
                throw Unexpressible($"{f}: OpenFlow 1.0 cannot mask {f.BasicField}");
            }
        }

        private static void Require(bool ok, OxmField f, string prerequisite)
        {
            if (!ok)
            {
                throw Unexpressible($"{f.BasicField} needs {prerequisite} in the match (OpenFlow 1.3.5 §7.2.3.6 prerequisites)");
            }
        }

        private static void RequireProtocol(OxmField f, int proto)
        {
            var p = f.BasicField switch
            {
                OxmBasicField.TcpSrc or OxmBasicField.TcpDst => 6,
                OxmBasicField.UdpSrc or OxmBasicField.UdpDst => 17,
                OxmBasicField.SctpSrc or OxmBasicField.SctpDst => 132,
                _ => 1,
            };
            if (p != proto)
            {
                throw Unexpressible($"{f.BasicField} with IP_PROTO={proto}");
            }
        }

        private static OpenFlowEncodeException Unexpressible(string what) => new($"OpenFlow 1.0 match cannot express this: {what}.");
    }
}
