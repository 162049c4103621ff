using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.OpenFlow.Tests.Support.V10;

/// <summary>
/// FsCheck generators restricted to what OpenFlow 1.0 can express, in the canonical form the 1.0 decoder produces,
/// so that decode(encode(m)) == m must hold: 16-bit-expressible ports, matches of the 1.0 fields with their
/// prerequisites, IPv4 prefix masks and OXM fields in id order, the 1.0 actions (SET_TP_* as the OXM the match's
/// IP_PROTO implies), one apply-actions instruction or none, table 0 (0xff for deletes), spec error pairs, port
/// feature bits 1.0 has and speeds derived from them, and so on. Written from the 1.0 spec, not from the codec.
/// </summary>
public static class Gens10
{
    public static readonly Gen<PortNumber> Port = Gen.Frequency(
        (2, Gen.Elements(Gens.ReservedPorts.Append(PortNumber.Max).ToArray())),
        (2, Gen.Choose(1, 64).Select(i => new PortNumber((uint)i))),
        (1, Gen.Choose(0, 0xfeff).Select(i => new PortNumber((uint)i))));

    private static Gen<OxmField> U(OxmBasicField f, int max) => Gen.Choose(0, max).Select(v => OxmField.Basic(f, (ulong)v));

    /// <summary>An IPv4-style address field: exact, or a /1../31 prefix (value zero under the mask).</summary>
    private static Gen<OxmField> Prefixed(OxmBasicField f) =>
        from addr in Gens.U32
        from prefix in Gen.Frequency((1, Gen.Constant(32)), (2, Gen.Choose(1, 31)))
        select prefix == 32 ? OxmField.Basic(f, addr) : OxmField.Basic(f, addr & (uint.MaxValue << (32 - prefix)), uint.MaxValue << (32 - prefix));

    private static Gen<OxmField?> Maybe(Gen<OxmField> gen) => Gen.Frequency((1, Gen.Constant<OxmField?>(null)), (2, gen.Select(f => (OxmField?)f)));

    private static Gen<OxmField[]> Vlan => Gen.OneOf(
        Gen.Constant(Array.Empty<OxmField>()),
        Gen.Constant(new[] { OxmField.Basic(OxmBasicField.VlanVid, 0) }),
        Gen.Choose(0, 0xfff).Select(v => new[] { OxmField.VlanVid((ushort)v) }),
        Gen.Zip(Gen.Choose(0, 0xfff), Gen.Choose(0, 7)).Select(t => new[] { OxmField.VlanVid((ushort)t.Item1), OxmField.Basic(OxmBasicField.VlanPcp, (ulong)t.Item2) }),
        Gen.Choose(0, 7).Select(p => new[] { OxmField.Basic(OxmBasicField.VlanVid, OxmField.VlanPresent, OxmField.VlanPresent), OxmField.Basic(OxmBasicField.VlanPcp, (ulong)p) }));

    private static readonly Gen<OxmField[]> Ipv4Fields =
        from dscp in Maybe(U(OxmBasicField.IpDscp, 63))
        from proto in Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Elements<int?>(6, 17, 132, 1)), (1, Gen.Choose(0, 255).Select(p => (int?)p)))
        from src in Maybe(Prefixed(OxmBasicField.Ipv4Src))
        from dst in Maybe(Prefixed(OxmBasicField.Ipv4Dst))
        from ports in Gen.Zip(Gens.U16, Gens.U16)
        from use in Gen.Zip(Gen.Elements(false, true), Gen.Elements(false, true))
        select new[] { dscp, proto is { } p ? OxmField.IpProto((byte)p) : null, src, dst }
            .Concat(Transport(proto, ports.Item1, ports.Item2, use.Item1, use.Item2))
            .OfType<OxmField>().ToArray();

    private static IEnumerable<OxmField?> Transport(int? proto, ushort s, ushort d, bool useSrc, bool useDst)
    {
        (OxmBasicField, OxmBasicField, bool)? kind = proto switch
        {
            6 => (OxmBasicField.TcpSrc, OxmBasicField.TcpDst, false),
            17 => (OxmBasicField.UdpSrc, OxmBasicField.UdpDst, false),
            132 => (OxmBasicField.SctpSrc, OxmBasicField.SctpDst, false),
            1 => (OxmBasicField.Icmpv4Type, OxmBasicField.Icmpv4Code, true),
            _ => null,
        };
        if (kind is not var (src, dst, narrow))
        {
            yield break;
        }

        yield return useSrc ? OxmField.Basic(src, narrow ? (ulong)(byte)s : s) : null;
        yield return useDst ? OxmField.Basic(dst, narrow ? (ulong)(byte)d : d) : null;
    }

    private static readonly Gen<OxmField[]> ArpFields =
        from op in Maybe(U(OxmBasicField.ArpOp, 255))
        from spa in Maybe(Prefixed(OxmBasicField.ArpSpa))
        from tpa in Maybe(Prefixed(OxmBasicField.ArpTpa))
        select new[] { op, spa, tpa }.OfType<OxmField>().ToArray();

    /// <summary>A match 1.0 can express, fields in OXM id order (as the decoder returns them).</summary>
    public static readonly Gen<Match> Match =
        from inPort in Maybe(Port.Select(OxmField.InPort))
        from dst in Maybe(Gens.Mac.Select(m => OxmField.EthDst(m)))
        from src in Maybe(Gens.Mac.Select(m => OxmField.EthSrc(m)))
        from vlan in Vlan
        from l3 in Gen.Frequency(
            (2, Gen.Constant(Array.Empty<OxmField>())),
            (3, Ipv4Fields.Select(f => f.Prepend(OxmField.EthType(0x0800)).ToArray())),
            (2, ArpFields.Select(f => f.Prepend(OxmField.EthType(0x0806)).ToArray())),
            (1, Gens.U16.Where(t => t is not 0x0800 and not 0x0806).Select(t => new[] { OxmField.EthType(t) })))
        select Build(new[] { inPort, dst, src }.OfType<OxmField>().Concat(vlan).Concat(l3));

    private static Match Build(IEnumerable<OxmField> fields)
    {
        var sorted = fields.OrderBy(f => f.Field).ToArray();
        return sorted.Length == 0 ? Matching.Match.Any : new Match(sorted);
    }

    /// <summary>The IP protocol a match pins (with ETH_TYPE 0x0800), which decides the OXM of SET_TP_*.</summary>
    public static byte? IpProto(Match m) =>
        m.Get(OxmBasicField.EthType)?.ValueAsUInt64() == 0x0800 && m.Get(OxmBasicField.IpProto) is { } p ? (byte)p.ValueAsUInt64() : null;

    /// <summary>1.0 action types 0..11 and VENDOR: unknown actions are drawn outside them.</summary>
    private static readonly ushort[] KnownActionTypes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0xffff];

    public static Gen<OfpAction> Action(byte? ipProto)
    {
        var (tpSrc, tpDst) = ipProto switch
        {
            17 => (OxmBasicField.UdpSrc, OxmBasicField.UdpDst),
            132 => (OxmBasicField.SctpSrc, OxmBasicField.SctpDst),
            _ => (OxmBasicField.TcpSrc, OxmBasicField.TcpDst),
        };
        return Gen.OneOf<OfpAction>(
            Gen.Zip(Port, Gens.U16).Select(t => (OfpAction)new OutputAction(t.Item1, t.Item2)),
            Gen.Choose(0, 0xfff).Select(v => (OfpAction)new SetFieldAction(OxmField.VlanVid((ushort)v))),
            Gen.Choose(0, 7).Select(v => (OfpAction)new SetFieldAction(OxmField.Basic(OxmBasicField.VlanPcp, (ulong)v))),
            Gen.Constant<OfpAction>(new PopVlanAction()),
            Gens.Mac.Select(m => (OfpAction)new SetFieldAction(OxmField.EthSrc(m))),
            Gens.Mac.Select(m => (OfpAction)new SetFieldAction(OxmField.EthDst(m))),
            Gens.U32.Select(a => (OfpAction)new SetFieldAction(OxmField.Ipv4Src(a))),
            Gens.U32.Select(a => (OfpAction)new SetFieldAction(OxmField.Ipv4Dst(a))),
            Gen.Choose(0, 63).Select(v => (OfpAction)new SetFieldAction(OxmField.Basic(OxmBasicField.IpDscp, (ulong)v))),
            Gens.U16.Select(v => (OfpAction)new SetFieldAction(OxmField.Basic(tpSrc, v))),
            Gens.U16.Select(v => (OfpAction)new SetFieldAction(OxmField.Basic(tpDst, v))),
            Gen.Zip(Port, Gens.U32).Select(t => (OfpAction)new EnqueueAction(t.Item1, t.Item2)),
            Gen.Zip(Gens.U32, Gens.BytesMod8(0, 3)).Select(t => (OfpAction)new ExperimenterAction(t.Item1, t.Item2)),
            Gen.Zip(Gens.U16.Where(t => !KnownActionTypes.Contains(t)), Gens.BytesMod8(4, 3)).Select(t => (OfpAction)new UnknownAction(t.Item1, t.Item2)));
    }

    public static Gen<ValueArray<OfpAction>> Actions(byte? ipProto) => Gens.ListOf(Action(ipProto), 5);

    /// <summary>No actions → no instructions; else one apply-actions instruction (the 1.0 canonical form).</summary>
    public static ValueArray<OfpInstruction> Instructions(ValueArray<OfpAction> actions) =>
        actions.Count == 0 ? [] : [new ApplyActionsInstruction(actions)];

    /// <summary>Port feature bits that exist in 1.0, in 1.3 numbering: rates 0–6, COPPER..PAUSE_ASYM 11–15.</summary>
    public const uint Features10 = 0x7f | 0xf800;

    /// <summary>The speed (kbps) 1.0 implies for a feature bitmap: the fastest rate bit (1.0.0 §5.2.1 has no speed fields).</summary>
    public static uint Speed(uint f) =>
        (f & (1 << 6)) != 0 ? 10_000_000u : (f & 0x30) != 0 ? 1_000_000u : (f & 0x0c) != 0 ? 100_000u : (f & 0x03) != 0 ? 10_000u : 0u;

    public static readonly Gen<PortDescription> PortDescription =
        from no in Port
        from mac in Gens.Mac
        from name in Gens.Ascii(15)
        from config in Gens.U32
        from state in Gens.U32
        from f in Gen.ArrayOf(Gens.U32, 4)
        let curr = f[0] & Features10
        let supported = f[2] & Features10
        select new PortDescription(no, mac, name, (PortConfig)config, (PortState)state & ~(PortState.Blocked | PortState.Live))
        {
            Current = curr, Advertised = f[1] & Features10, Supported = supported, Peer = f[3] & Features10,
            CurrentSpeedKbps = Speed(curr), MaxSpeedKbps = Speed(supported),
        };

    /// <summary>Spec error pairs (OpenFlow 1.0.0 §5.4.4) in record numbering, plus types neither version defines.</summary>
    public static readonly Gen<OfpMessage> Error =
        from pair in Gen.Frequency(
            (6, Gen.Elements(
                Enumerable.Range(0, 2).Select(c => (ErrorType.HelloFailed, c))
                    .Concat(Enumerable.Range(0, 9).Select(c => (ErrorType.BadRequest, c)))
                    .Concat(Enumerable.Range(0, 9).Append(11).Select(c => (ErrorType.BadAction, c)))
                    .Concat(new[] { 1, 3, 4, 5, 6 }.Select(c => (ErrorType.FlowModFailed, c)))
                    .Concat(Enumerable.Range(0, 2).Select(c => (ErrorType.PortModFailed, c)))
                    .Concat(Enumerable.Range(0, 3).Select(c => (ErrorType.QueueOpFailed, c)))
                    .ToArray())),
            (1, Gen.Zip(Gen.Choose(14, 0xfffe), Gen.Choose(0, 0xffff)).Select(t => ((ErrorType)t.Item1, t.Item2))))
        from data in Gens.Bytes(0, 80)
        select (OfpMessage)new Error(pair.Item1, (ushort)pair.Item2, data);

    public static readonly Gen<OfpMessage> FeaturesReply =
        from dpid in Gens.Dpid
        from buffers in Gens.U32
        from tables in Gens.Byte
        from caps in Gens.U32
        from actions in Gens.U32
        from ports in Gens.ListOf(PortDescription, 4)
        select (OfpMessage)new FeaturesReply(dpid, buffers, tables, 0, (SwitchCapabilities)caps & ~SwitchCapabilities.GroupStats) { Reserved = actions, Ports = ports };

    public static readonly Gen<OfpMessage> PacketIn =
        from buffer in Gens.BufferId
        from total in Gens.U16
        from reason in Gen.Elements(PacketInReason.NoMatch, PacketInReason.Action)
        from inPort in Port
        from data in Gens.Bytes(0, 128)
        select (OfpMessage)new PacketIn(buffer, total, reason, 0, 0, new Match([OxmField.InPort(inPort)]), data);

    public static readonly Gen<OfpMessage> PacketOut =
        from buffer in Gens.BufferId
        from inPort in Port
        from actions in Actions(null)
        from data in Gens.Bytes(0, 128)
        select (OfpMessage)new PacketOut(buffer, inPort, actions, data);

    public static readonly Gen<OfpMessage> FlowMod =
        from command in Gen.Elements(System.Enum.GetValues<FlowModCommand>())
        from match in Match
        from actions in Actions(IpProto(match))
        from cookie in Gens.U64
        from timeouts in Gen.Zip(Gens.U16, Gens.U16)
        from priority in Gens.U16
        from buffer in Gens.BufferId
        from outPort in Port
        from flags in Gen.Elements(FlowModFlags.None, FlowModFlags.SendFlowRemoved, FlowModFlags.CheckOverlap, FlowModFlags.SendFlowRemoved | FlowModFlags.CheckOverlap)
        select (OfpMessage)new FlowMod(command, match, Instructions(actions))
        {
            Cookie = cookie, TableId = command is FlowModCommand.Delete or FlowModCommand.DeleteStrict ? Messages.FlowMod.AllTables : (byte)0,
            IdleTimeout = timeouts.Item1, HardTimeout = timeouts.Item2, Priority = priority, BufferId = buffer, OutPort = outPort, Flags = flags,
        };

    public static readonly Gen<OfpMessage> FlowRemoved =
        from cookie in Gens.U64
        from priority in Gens.U16
        from reason in Gen.Elements(FlowRemovedReason.IdleTimeout, FlowRemovedReason.HardTimeout, FlowRemovedReason.Delete)
        from match in Match
        from dur in Gen.Zip(Gens.U32, Gens.U32)
        from idle in Gens.U16
        from counts in Gen.Zip(Gens.U64, Gens.U64)
        select (OfpMessage)new FlowRemoved(cookie, priority, reason, 0, match)
        {
            DurationSec = dur.Item1, DurationNsec = dur.Item2, IdleTimeout = idle, PacketCount = counts.Item1, ByteCount = counts.Item2,
        };

    public static readonly Gen<OfpMessage> PortStatus =
        Gen.Zip(Gen.Elements(PortStatusReason.Add, PortStatusReason.Delete, PortStatusReason.Modify), PortDescription).Select(t => (OfpMessage)new PortStatus(t.Item1, t.Item2));

    public static readonly Gen<FlowStats> FlowStats =
        from table in Gens.Byte
        from dur in Gen.Zip(Gens.U32, Gens.U32)
        from prio in Gens.U16
        from timeouts in Gen.Zip(Gens.U16, Gens.U16)
        from counters in Gen.ArrayOf(Gens.U64, 3)
        from match in Match
        from actions in Actions(IpProto(match))
        select new FlowStats(table, dur.Item1, dur.Item2, prio, timeouts.Item1, timeouts.Item2, FlowModFlags.None,
            counters[0], counters[1], counters[2], match, Instructions(actions));

    public static readonly Gen<PortStats> PortStats =
        from no in Port
        from c in Gen.ArrayOf(Gens.U64, 12)
        select new PortStats(no)
        {
            RxPackets = c[0], TxPackets = c[1], RxBytes = c[2], TxBytes = c[3], RxDropped = c[4], TxDropped = c[5],
            RxErrors = c[6], TxErrors = c[7], RxFrameErrors = c[8], RxOverErrors = c[9], RxCrcErrors = c[10], Collisions = c[11],
        };

    public static readonly Gen<TableStats> TableStats =
        from id in Gens.Byte
        from name in Gens.Ascii(31)
        from wildcards in Gens.U32
        from max in Gens.U32
        from active in Gens.U32
        from lookup in Gens.U64
        from matched in Gens.U64
        select new TableStats(id, active, lookup, matched) { Name = name, Wildcards = wildcards, MaxEntries = max };

    /// <summary>Stats types 1.0 keeps opaque: QUEUE (5), VENDOR (0xffff) and numbers it does not define.</summary>
    private static readonly Gen<ushort> OpaqueStatsType = Gen.Frequency((2, Gen.Elements<ushort>(5, 13, 0xffff)), (1, Gen.Choose(6, 0xfffe).Select(i => (ushort)i)));

    private static readonly Gen<MultipartFlags> Flags = Gen.Frequency((4, Gen.Elements(MultipartFlags.None, MultipartFlags.More)), (1, Gens.U16.Select(u => (MultipartFlags)u)));

    public static readonly IReadOnlyDictionary<string, Gen<OfpMessage>> StatsByKind = new Dictionary<string, Gen<OfpMessage>>
    {
        [nameof(DescRequest)] = Gen.Constant<OfpMessage>(new DescRequest()),
        [nameof(TableStatsRequest)] = Gen.Constant<OfpMessage>(new TableStatsRequest()),
        [nameof(PortStatsRequest)] = Port.Select(p => (OfpMessage)new PortStatsRequest(p)),
        [nameof(FlowStatsRequest)] = from t in Gens.Byte from p in Port from m in Match select (OfpMessage)new FlowStatsRequest(t, p, GroupId.Any, 0, 0, m),
        [nameof(AggregateStatsRequest)] = from t in Gens.Byte from p in Port from m in Match select (OfpMessage)new AggregateStatsRequest(t, p, GroupId.Any, 0, 0, m),
        [nameof(UnknownMultipartRequest)] = Gen.Zip(OpaqueStatsType, Gens.Bytes(0, 64)).Select(t => (OfpMessage)new UnknownMultipartRequest(t.Item1, t.Item2)),
        [nameof(DescReply)] =
            from a in Gens.Ascii(255) from b in Gens.Ascii(255) from c in Gens.Ascii(255) from s in Gens.Ascii(31) from d in Gens.Ascii(255)
            select (OfpMessage)new DescReply(a, b, c, s, d),
        [nameof(TableStatsReply)] = Gens.ListOf(TableStats, 8).Select(t => (OfpMessage)new TableStatsReply(t)),
        [nameof(PortStatsReply)] = Gens.ListOf(PortStats, 5).Select(p => (OfpMessage)new PortStatsReply(p)),
        [nameof(FlowStatsReply)] = Gens.ListOf(FlowStats, 4).Select(f => (OfpMessage)new FlowStatsReply(f)),
        [nameof(AggregateStatsReply)] = from p in Gens.U64 from b in Gens.U64 from f in Gens.U32 select (OfpMessage)new AggregateStatsReply(p, b, f),
        [nameof(UnknownMultipartReply)] = Gen.Zip(OpaqueStatsType, Gens.Bytes(0, 64)).Select(t => (OfpMessage)new UnknownMultipartReply(t.Item1, t.Item2)),
    };

    public static Gen<OfpMessage> WithFlags(Gen<OfpMessage> gen) => Gen.Zip(gen, Flags).Select(t => t.Item1 switch
    {
        MultipartRequest rq => (OfpMessage)(rq with { Flags = t.Item2 }),
        MultipartReply rp => rp with { Flags = t.Item2 },
        var other => other,
    });

    /// <summary>1.0 message types the codec does not model: VENDOR, PORT_MOD, QUEUE_GET_CONFIG request/reply, numbers 1.0 does not define.</summary>
    public static readonly byte[] UnmodelledTypes = [4, 15, 20, 21, 22, 30, 100, 255];

    public static readonly IReadOnlyDictionary<string, Gen<OfpMessage>> ByKind = new Dictionary<string, Gen<OfpMessage>>
    {
        ["Hello"] = Gens.ListOf(Gens.HelloElement, 3).Select(e => (OfpMessage)new Hello(0x01, e)),
        ["Error"] = Error,
        ["EchoRequest"] = Gens.EchoRequest,
        ["EchoReply"] = Gens.EchoReply,
        ["FeaturesRequest"] = Gen.Constant<OfpMessage>(new FeaturesRequest()),
        ["FeaturesReply"] = FeaturesReply,
        ["GetConfigRequest"] = Gen.Constant<OfpMessage>(new GetConfigRequest()),
        ["GetConfigReply"] = Gens.GetConfigReply,
        ["SetConfig"] = Gens.SetConfig,
        ["PacketIn"] = PacketIn,
        ["PacketOut"] = PacketOut,
        ["FlowMod"] = FlowMod,
        ["FlowRemoved"] = FlowRemoved,
        ["PortStatus"] = PortStatus,
        ["BarrierRequest"] = Gen.Constant<OfpMessage>(new BarrierRequest()),
        ["BarrierReply"] = Gen.Constant<OfpMessage>(new BarrierReply()),
        ["StatsRequest"] = WithFlags(Gen.OneOf(StatsByKind.Where(kv => kv.Key.EndsWith("Request", StringComparison.Ordinal)).Select(kv => kv.Value))),
        ["StatsReply"] = WithFlags(Gen.OneOf(StatsByKind.Where(kv => kv.Key.EndsWith("Reply", StringComparison.Ordinal)).Select(kv => kv.Value))),
        ["Unknown"] = Gen.Zip(Gen.Elements(UnmodelledTypes), Gens.Bytes(0, 64)).Select(t => (OfpMessage)new UnknownMessage(0x01, t.Item1, t.Item2)),
    };

    public static readonly Gen<OfpMessage> Message = Gens.WithXid(Gen.OneOf(ByKind.Values));
}
