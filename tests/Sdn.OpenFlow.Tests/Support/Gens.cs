using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>
/// FsCheck generators for the OpenFlow records, restricted to what the 1.3 wire can carry so that
/// decode(encode(m)) == m must hold: string fields short enough and NUL-free, experimenter/unknown bodies sized so
/// the TLV needs no padding (padding is kept as data on decode), no duplicate OXM fields in a match, unknown type
/// codes chosen outside the modelled ones, and sizes small enough that every message stays well under 65535 bytes.
/// </summary>
public static class Gens
{
    // ---- scalars -------------------------------------------------------------------------------------------

    public static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(i => (byte)i);

    public static readonly Gen<ushort> U16 = Gen.Frequency(
        (1, Gen.Elements<ushort>(0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff)),
        (4, Gen.Choose(0, 0xffff).Select(i => (ushort)i)));

    public static readonly Gen<uint> U32 = Gen.Frequency(
        (1, Gen.Elements<uint>(0, 1, 0xff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff)),
        (4, Gen.Zip(Gen.Choose(0, 0xffff), Gen.Choose(0, 0xffff)).Select(t => ((uint)t.Item1 << 16) | (uint)t.Item2)));

    public static readonly Gen<ulong> U64 = Gen.Frequency(
        (1, Gen.Elements<ulong>(0, 1, 0xffffffff, 0x8000000000000000, ulong.MaxValue)),
        (4, Gen.Zip(U32, U32).Select(t => ((ulong)t.Item1 << 32) | t.Item2)));

    public static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Byte, n));

    /// <summary>Byte arrays whose length is congruent to <paramref name="remainder"/> modulo 8 (TLV bodies without padding).</summary>
    public static Gen<byte[]> BytesMod8(int remainder, int maxBlocks) =>
        Gen.Choose(0, maxBlocks).SelectMany(k => Gen.ArrayOf(Byte, remainder + (8 * k)));

    /// <summary>ASCII text without NUL (the wire NUL-pads fixed strings) of at most <paramref name="max"/> characters.</summary>
    public static Gen<string> Ascii(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Frequency((6, Gen.Choose(0x20, 0x7e)), (1, Gen.Choose(1, 0x7f))), n))
            .Select(cs => new string(cs.Select(c => (char)c).ToArray()));

    public static Gen<T> Enum<T>(params T[] values) => Gen.Elements(values);

    // ---- value types ---------------------------------------------------------------------------------------

    public static readonly Gen<Xid> Xid = U32.Select(v => new Xid(v));
    public static readonly Gen<DatapathId> Dpid = U64.Select(v => new DatapathId(v));
    public static readonly Gen<MacAddress> Mac = U64.Select(v => new MacAddress(v));
    public static readonly Gen<BufferId> BufferId = Gen.Frequency((1, Gen.Constant(OpenFlow.BufferId.NoBuffer)), (2, U32.Select(v => new BufferId(v))));

    public static readonly PortNumber[] ReservedPorts =
    [
        PortNumber.InPort, PortNumber.Table, PortNumber.Normal, PortNumber.Flood, PortNumber.All,
        PortNumber.Controller, PortNumber.Local, PortNumber.Any,
    ];

    public static readonly Gen<PortNumber> Port = Gen.Frequency(
        (2, Gen.Elements(ReservedPorts)),
        (2, Gen.Choose(1, 64).Select(i => new PortNumber((uint)i))),
        (1, U32.Select(v => new PortNumber(v))));

    public static readonly Gen<GroupId> Group = Gen.Frequency(
        (1, Gen.Elements(GroupId.All, GroupId.Any, GroupId.Max)),
        (2, U32.Select(v => new GroupId(v))));

    // ---- OXM -----------------------------------------------------------------------------------------------

    /// <summary>Every OpenFlow-basic field id the spec defines (0..39).</summary>
    public static readonly OxmBasicField[] BasicFields = System.Enum.GetValues<OxmBasicField>();

    /// <summary>A known basic field with a value of its exact size and, for maskable fields, sometimes a mask.</summary>
    public static Gen<OxmField> BasicOxm(OxmBasicField field, bool allowMask = true)
    {
        var size = OxmFieldInfo.Size(field);
        var value = Gen.ArrayOf(Byte, size);
        if (!allowMask || !OxmFieldInfo.IsMaskable(field))
        {
            return value.Select(v => OxmField.Basic(field, v));
        }

        return Gen.Frequency(
            (1, value.Select(v => OxmField.Basic(field, v))),
            (1, Gen.Zip(value, Gen.ArrayOf(Byte, size)).Select(t => OxmField.Basic(field, t.Item1, t.Item2))));
    }

    public static readonly Gen<OxmField> AnyBasicOxm = Gen.Elements(BasicFields).SelectMany(f => BasicOxm(f));

    /// <summary>Experimenter-class OXM: the value starts with the 32-bit experimenter id; a mask covers the rest.</summary>
    public static readonly Gen<OxmField> ExperimenterOxm =
        from field in Gen.Choose(0, 127)
        from exp in U32
        from n in Gen.Choose(1, 12)
        from body in Gen.ArrayOf(Byte, n)
        from masked in Gen.Elements(false, true)
        from mask in Gen.ArrayOf(Byte, n)
        select new OxmField(
            OxmClass.Experimenter,
            (byte)field,
            ValueArray.Create<byte>([(byte)(exp >> 24), (byte)(exp >> 16), (byte)(exp >> 8), (byte)exp, .. body]),
            masked ? ValueArray.Create<byte>(mask) : default);

    /// <summary>OXM the codec does not interpret: basic ids above 39, NXM classes, an unassigned class.</summary>
    public static readonly Gen<OxmField> OpaqueOxm =
        from cls in Gen.Elements(OxmClass.OpenFlowBasic, OxmClass.Nxm0, OxmClass.Nxm1, (ushort)0x0003, (ushort)0x4242)
        from field in cls == OxmClass.OpenFlowBasic ? Gen.Choose(40, 127) : Gen.Choose(0, 127)
        from n in Gen.Choose(0, 16)
        from value in Gen.ArrayOf(Byte, n)
        from masked in Gen.Elements(false, n > 0)
        from mask in Gen.ArrayOf(Byte, n)
        select new OxmField(cls, (byte)field, value, masked ? ValueArray.Create<byte>(mask) : default);

    public static readonly Gen<OxmField> Oxm = Gen.Frequency((8, AnyBasicOxm), (1, ExperimenterOxm), (1, OpaqueOxm));

    /// <summary>A match of up to <paramref name="max"/> fields, at most one per (class, field).</summary>
    public static Gen<Match> MatchOf(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Oxm, n)).Select(fields =>
        {
            var distinct = fields.DistinctBy(f => (f.Class, f.Field)).ToArray();
            return distinct.Length == 0 ? Matching.Match.Any : new Match(distinct);
        });

    public static readonly Gen<Match> AnyMatch = MatchOf(6);

    // ---- actions -------------------------------------------------------------------------------------------

    private static readonly ushort[] KnownActionTypes = [0, 11, 12, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 0xffff];

    /// <summary>Set-field values: any OXM without a mask (basic fields of their exact size, experimenter, opaque).</summary>
    public static readonly Gen<OxmField> SetFieldOxm = Gen.Frequency(
        (8, Gen.Elements(BasicFields).SelectMany(f => BasicOxm(f, allowMask: false))),
        (1, ExperimenterOxm.Select(f => f with { Mask = default })),
        (1, OpaqueOxm.Select(f => f with { Mask = default })));

    public static readonly Gen<OfpAction> Action = Gen.OneOf<OfpAction>(
        Gen.Zip(Port, U16).Select(t => (OfpAction)new OutputAction(t.Item1, t.Item2)),
        Gen.Constant<OfpAction>(new CopyTtlOutAction()),
        Gen.Constant<OfpAction>(new CopyTtlInAction()),
        Byte.Select(t => (OfpAction)new SetMplsTtlAction(t)),
        Gen.Constant<OfpAction>(new DecMplsTtlAction()),
        U16.Select(e => (OfpAction)new PushVlanAction(e)),
        Gen.Constant<OfpAction>(new PopVlanAction()),
        U16.Select(e => (OfpAction)new PushMplsAction(e)),
        U16.Select(e => (OfpAction)new PopMplsAction(e)),
        U32.Select(q => (OfpAction)new SetQueueAction(q)),
        Group.Select(g => (OfpAction)new GroupAction(g)),
        Byte.Select(t => (OfpAction)new SetNwTtlAction(t)),
        Gen.Constant<OfpAction>(new DecNwTtlAction()),
        SetFieldOxm.Select(f => (OfpAction)new SetFieldAction(f)),
        U16.Select(e => (OfpAction)new PushPbbAction(e)),
        Gen.Constant<OfpAction>(new PopPbbAction()),
        Gen.Zip(U32, BytesMod8(0, 3)).Select(t => (OfpAction)new ExperimenterAction(t.Item1, t.Item2)),
        Gen.Zip(U16.Where(t => !KnownActionTypes.Contains(t)), BytesMod8(4, 3)).Select(t => (OfpAction)new UnknownAction(t.Item1, t.Item2)));

    public static Gen<ValueArray<OfpAction>> ActionsOf(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Action, n)).Select(a => (ValueArray<OfpAction>)a);

    public static readonly Gen<ValueArray<OfpAction>> Actions = ActionsOf(5);

    // ---- instructions --------------------------------------------------------------------------------------

    private static readonly ushort[] KnownInstructionTypes = [1, 2, 3, 4, 5, 6, 0xffff];

    public static readonly Gen<OfpInstruction> Instruction = Gen.OneOf<OfpInstruction>(
        Byte.Select(t => (OfpInstruction)new GotoTableInstruction(t)),
        Gen.Zip(U64, U64).Select(t => (OfpInstruction)new WriteMetadataInstruction(t.Item1, t.Item2)),
        Actions.Select(a => (OfpInstruction)new WriteActionsInstruction(a)),
        Actions.Select(a => (OfpInstruction)new ApplyActionsInstruction(a)),
        Gen.Constant<OfpInstruction>(new ClearActionsInstruction()),
        U32.Select(m => (OfpInstruction)new MeterInstruction(m)),
        Gen.Zip(U32, BytesMod8(0, 3)).Select(t => (OfpInstruction)new ExperimenterInstruction(t.Item1, t.Item2)),
        Gen.Zip(U16.Where(t => !KnownInstructionTypes.Contains(t)), BytesMod8(4, 3)).Select(t => (OfpInstruction)new UnknownInstruction(t.Item1, t.Item2)));

    public static readonly Gen<ValueArray<OfpInstruction>> Instructions =
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Instruction, n)).Select(a => (ValueArray<OfpInstruction>)a);

    // ---- structures ----------------------------------------------------------------------------------------

    public static readonly Gen<PortDescription> PortDescription =
        from no in Port
        from mac in Mac
        from name in Ascii(15)
        from config in U32
        from state in U32
        from f in Gen.ArrayOf(U32, 6)
        select new PortDescription(no, mac, name, (PortConfig)config, (PortState)state)
        {
            Current = f[0], Advertised = f[1], Supported = f[2], Peer = f[3], CurrentSpeedKbps = f[4], MaxSpeedKbps = f[5],
        };

    public static readonly Gen<Bucket> Bucket =
        from weight in U16
        from watchPort in Port
        from watchGroup in Group
        from actions in Actions
        select new Bucket(weight, watchPort, watchGroup, actions);

    public static readonly Gen<FlowStats> FlowStats =
        from table in Byte
        from dur in Gen.Zip(U32, U32)
        from prio in U16
        from timeouts in Gen.Zip(U16, U16)
        from flags in U16
        from counters in Gen.ArrayOf(U64, 3)
        from match in MatchOf(4)
        from instructions in Instructions
        select new FlowStats(table, dur.Item1, dur.Item2, prio, timeouts.Item1, timeouts.Item2, (FlowModFlags)flags,
            counters[0], counters[1], counters[2], match, instructions);

    public static readonly Gen<PortStats> PortStats =
        from no in Port
        from c in Gen.ArrayOf(U64, 12)
        from d in Gen.Zip(U32, U32)
        select new PortStats(no)
        {
            RxPackets = c[0], TxPackets = c[1], RxBytes = c[2], TxBytes = c[3], RxDropped = c[4], TxDropped = c[5],
            RxErrors = c[6], TxErrors = c[7], RxFrameErrors = c[8], RxOverErrors = c[9], RxCrcErrors = c[10], Collisions = c[11],
            DurationSec = d.Item1, DurationNsec = d.Item2,
        };

    public static readonly Gen<TableStats> TableStats =
        from id in Byte
        from active in U32
        from lookup in U64
        from matched in U64
        select new TableStats(id, active, lookup, matched);

    public static Gen<ValueArray<T>> ListOf<T>(Gen<T> gen, int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(gen, n)).Select(a => (ValueArray<T>)a);

    // ---- messages (one generator per record type; the xid is added by WithXid) -------------------------------

    public static readonly Gen<HelloElement> HelloElement = Gen.OneOf<HelloElement>(
        ListOf(U32, 3).Select(w => (HelloElement)new HelloVersionBitmap(w)),
        Gen.Zip(U16.Where(t => t != 1), Bytes(0, 20)).Select(t => (HelloElement)new UnknownHelloElement(t.Item1, t.Item2)));

    public static readonly Gen<OfpMessage> Hello = ListOf(HelloElement, 3).Select(e => (OfpMessage)new Hello(0x04, e));

    /// <summary>ERROR: every type (and an unassigned number); experimenter errors carry their experimenter id.</summary>
    public static readonly Gen<OfpMessage> Error =
        from type in Gen.Frequency(
            (6, Gen.Elements(System.Enum.GetValues<ErrorType>())),
            (1, Gen.Choose(14, 0xfffe).Select(i => (ErrorType)i)))
        from code in U16
        from data in Bytes(0, 80)
        from exp in U32
        select (OfpMessage)(type == ErrorType.Experimenter
            ? new Error(type, code, data) { Experimenter = exp }
            : new Error(type, code, data));

    public static readonly Gen<OfpMessage> EchoRequest = Bytes(0, 64).Select(d => (OfpMessage)new EchoRequest(d));
    public static readonly Gen<OfpMessage> EchoReply = Bytes(0, 64).Select(d => (OfpMessage)new EchoReply(d));

    public static readonly Gen<OfpMessage> FeaturesReply =
        from dpid in Dpid
        from buffers in U32
        from tables in Byte
        from aux in Byte
        from caps in U32
        from reserved in U32
        select (OfpMessage)new FeaturesReply(dpid, buffers, tables, aux, (SwitchCapabilities)caps) { Reserved = reserved };

    public static readonly Gen<OfpMessage> GetConfigReply = Gen.Zip(U16, U16).Select(t => (OfpMessage)new GetConfigReply((ConfigFlags)t.Item1, t.Item2));
    public static readonly Gen<OfpMessage> SetConfig = Gen.Zip(U16, U16).Select(t => (OfpMessage)new SetConfig((ConfigFlags)t.Item1, t.Item2));

    public static readonly Gen<OfpMessage> PacketIn =
        from buffer in BufferId
        from total in U16
        from reason in Byte
        from table in Byte
        from cookie in U64
        from match in AnyMatch
        from data in Bytes(0, 128)
        select (OfpMessage)new PacketIn(buffer, total, (PacketInReason)reason, table, cookie, match, data);

    public static readonly Gen<OfpMessage> PacketOut =
        from buffer in BufferId
        from inPort in Port
        from actions in Actions
        from data in Bytes(0, 128)
        select (OfpMessage)new PacketOut(buffer, inPort, actions, data);

    public static readonly Gen<OfpMessage> FlowMod =
        from command in Gen.Frequency((5, Gen.Elements(System.Enum.GetValues<FlowModCommand>())), (1, Byte.Select(b => (FlowModCommand)b)))
        from match in AnyMatch
        from instructions in Instructions
        from cookie in Gen.Zip(U64, U64)
        from table in Byte
        from timeouts in Gen.Zip(U16, U16)
        from priority in U16
        from buffer in BufferId
        from outPort in Port
        from outGroup in Group
        from flags in Gen.Frequency((3, Gen.Choose(0, 31)), (1, U16.Select(u => (int)u)))
        select (OfpMessage)new FlowMod(command, match, instructions)
        {
            Cookie = cookie.Item1, CookieMask = cookie.Item2, TableId = table, IdleTimeout = timeouts.Item1, HardTimeout = timeouts.Item2,
            Priority = priority, BufferId = buffer, OutPort = outPort, OutGroup = outGroup, Flags = (FlowModFlags)flags,
        };

    public static readonly Gen<OfpMessage> FlowRemoved =
        from cookie in U64
        from priority in U16
        from reason in Byte
        from table in Byte
        from match in AnyMatch
        from dur in Gen.Zip(U32, U32)
        from timeouts in Gen.Zip(U16, U16)
        from counts in Gen.Zip(U64, U64)
        select (OfpMessage)new FlowRemoved(cookie, priority, (FlowRemovedReason)reason, table, match)
        {
            DurationSec = dur.Item1, DurationNsec = dur.Item2, IdleTimeout = timeouts.Item1, HardTimeout = timeouts.Item2,
            PacketCount = counts.Item1, ByteCount = counts.Item2,
        };

    public static readonly Gen<OfpMessage> PortStatus =
        Gen.Zip(Byte, PortDescription).Select(t => (OfpMessage)new PortStatus((PortStatusReason)t.Item1, t.Item2));

    public static readonly Gen<OfpMessage> GroupMod =
        from command in Gen.Frequency((4, Gen.Elements(System.Enum.GetValues<GroupModCommand>())), (1, U16.Select(u => (GroupModCommand)u)))
        from type in Gen.Frequency((4, Gen.Elements(System.Enum.GetValues<GroupType>())), (1, Byte.Select(b => (GroupType)b)))
        from gid in Group
        from buckets in ListOf(Bucket, 4)
        select (OfpMessage)new GroupMod(command, type, gid, buckets);

    private static readonly Gen<MultipartFlags> MpFlags = Gen.Frequency(
        (4, Gen.Elements(MultipartFlags.None, MultipartFlags.More)), (1, U16.Select(u => (MultipartFlags)u)));

    /// <summary>Multipart types the codec keeps opaque (everything but DESC, FLOW, AGGREGATE, TABLE, PORT_STATS, PORT_DESC).</summary>
    public static readonly Gen<ushort> OpaqueMultipartType = Gen.Frequency(
        (3, Gen.Elements<ushort>(5, 6, 7, 8, 9, 10, 11, 12, 0xffff)),
        (1, Gen.Choose(14, 0xfffe).Select(i => (ushort)i)));

    /// <summary>Each multipart body type (request and reply) by record name, flags not yet set.</summary>
    public static readonly IReadOnlyDictionary<string, Gen<OfpMessage>> MultipartByKind = new Dictionary<string, Gen<OfpMessage>>
    {
        [nameof(DescRequest)] = Gen.Constant<OfpMessage>(new DescRequest()),
        [nameof(PortDescRequest)] = Gen.Constant<OfpMessage>(new PortDescRequest()),
        [nameof(TableStatsRequest)] = Gen.Constant<OfpMessage>(new TableStatsRequest()),
        [nameof(PortStatsRequest)] = Port.Select(p => (OfpMessage)new PortStatsRequest(p)),
        [nameof(FlowStatsRequest)] =
            from t in Byte from p in Port from g in Group from c in U64 from cm in U64 from mt in AnyMatch
            select (OfpMessage)new FlowStatsRequest(t, p, g, c, cm, mt),
        [nameof(AggregateStatsRequest)] =
            from t in Byte from p in Port from g in Group from c in U64 from cm in U64 from mt in AnyMatch
            select (OfpMessage)new AggregateStatsRequest(t, p, g, c, cm, mt),
        [nameof(UnknownMultipartRequest)] =
            Gen.Zip(OpaqueMultipartType, Bytes(0, 64)).Select(t => (OfpMessage)new UnknownMultipartRequest(t.Item1, t.Item2)),
        [nameof(DescReply)] =
            from a in Ascii(255) from b in Ascii(255) from c in Ascii(255) from s in Ascii(31) from d in Ascii(255)
            select (OfpMessage)new DescReply(a, b, c, s, d),
        [nameof(PortDescReply)] = ListOf(PortDescription, 5).Select(p => (OfpMessage)new PortDescReply(p)),
        [nameof(TableStatsReply)] = ListOf(TableStats, 8).Select(t => (OfpMessage)new TableStatsReply(t)),
        [nameof(PortStatsReply)] = ListOf(PortStats, 5).Select(p => (OfpMessage)new PortStatsReply(p)),
        [nameof(FlowStatsReply)] = ListOf(FlowStats, 4).Select(f => (OfpMessage)new FlowStatsReply(f)),
        [nameof(AggregateStatsReply)] = from p in U64 from b in U64 from f in U32 select (OfpMessage)new AggregateStatsReply(p, b, f),
        [nameof(UnknownMultipartReply)] =
            Gen.Zip(OpaqueMultipartType, Bytes(0, 64)).Select(t => (OfpMessage)new UnknownMultipartReply(t.Item1, t.Item2)),
    };

    /// <summary>Sets random multipart flags on a multipart request or reply.</summary>
    public static Gen<OfpMessage> WithMultipartFlags(Gen<OfpMessage> gen) => Gen.Zip(gen, MpFlags).Select(t => t.Item1 switch
    {
        MultipartRequest rq => (OfpMessage)(rq with { Flags = t.Item2 }),
        MultipartReply rp => rp with { Flags = t.Item2 },
        var other => other,
    });

    public static readonly Gen<OfpMessage> MultipartRequest =
        WithMultipartFlags(Gen.OneOf(MultipartByKind.Where(kv => kv.Key.EndsWith("Request", StringComparison.Ordinal)).Select(kv => kv.Value)));

    public static readonly Gen<OfpMessage> MultipartReply =
        WithMultipartFlags(Gen.OneOf(MultipartByKind.Where(kv => kv.Key.EndsWith("Reply", StringComparison.Ordinal)).Select(kv => kv.Value)));

    /// <summary>OpenFlow 1.3 message types the codec does not model.</summary>
    public static readonly byte[] UnmodelledTypes = [4, 16, 17, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 100, 200, 255];

    public static readonly Gen<OfpMessage> Unknown =
        Gen.Zip(Gen.Elements(UnmodelledTypes), Bytes(0, 64)).Select(t => (OfpMessage)new UnknownMessage(0x04, t.Item1, t.Item2));

    /// <summary>Each modelled message kind by name, for one property per kind.</summary>
    public static readonly IReadOnlyDictionary<string, Gen<OfpMessage>> ByKind = new Dictionary<string, Gen<OfpMessage>>
    {
        ["Hello"] = Hello,
        ["Error"] = Error,
        ["EchoRequest"] = EchoRequest,
        ["EchoReply"] = EchoReply,
        ["FeaturesRequest"] = Gen.Constant<OfpMessage>(new FeaturesRequest()),
        ["FeaturesReply"] = FeaturesReply,
        ["GetConfigRequest"] = Gen.Constant<OfpMessage>(new GetConfigRequest()),
        ["GetConfigReply"] = GetConfigReply,
        ["SetConfig"] = SetConfig,
        ["PacketIn"] = PacketIn,
        ["PacketOut"] = PacketOut,
        ["FlowMod"] = FlowMod,
        ["FlowRemoved"] = FlowRemoved,
        ["PortStatus"] = PortStatus,
        ["GroupMod"] = GroupMod,
        ["BarrierRequest"] = Gen.Constant<OfpMessage>(new BarrierRequest()),
        ["BarrierReply"] = Gen.Constant<OfpMessage>(new BarrierReply()),
        ["MultipartRequest"] = MultipartRequest,
        ["MultipartReply"] = MultipartReply,
        ["Unknown"] = Unknown,
    };

    public static Gen<OfpMessage> WithXid(Gen<OfpMessage> gen) => Gen.Zip(gen, Xid).Select(t => t.Item1 with { Xid = t.Item2 });

    /// <summary>Any message of any kind, with a random xid.</summary>
    public static readonly Gen<OfpMessage> Message = WithXid(Gen.OneOf(ByKind.Values));
}
