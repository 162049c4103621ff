using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Unit.V10;

/// <summary>
/// The OpenFlow 1.0 mapping rules one by one: what 1.0 cannot express is an <see cref="OpenFlowEncodeException"/>,
/// port numbers, error numbers, wildcards, bad input.
/// </summary>
public class OpenFlow10MappingTests
{
    private static readonly OpenFlow10Codec Codec = OpenFlow10Codec.Instance;

    private static FlowMod Flow(Match match, params OfpInstruction[] instructions) => new(FlowModCommand.Add, match, instructions);

    private static FlowMod Apply(params OfpAction[] actions) => Flow(Match.Any, new ApplyActionsInstruction(actions));

    public static TheoryData<string, OfpMessage> Inexpressible() => new()
    {
        { "goto-table", Flow(Match.Any, new GotoTableInstruction(1)) },
        { "write-metadata", Flow(Match.Any, new WriteMetadataInstruction(1, 1)) },
        { "write-actions", Flow(Match.Any, new WriteActionsInstruction([new OutputAction(new PortNumber(1))])) },
        { "meter", Flow(Match.Any, new MeterInstruction(1)) },
        { "two apply-actions", Flow(Match.Any, new ApplyActionsInstruction([]), new ApplyActionsInstruction([])) },
        { "group action", Apply(new GroupAction(new GroupId(1))) },
        { "set-queue action", Apply(new SetQueueAction(1)) },
        { "push-vlan action", Apply(new PushVlanAction()) },
        { "mpls action", Apply(new PushMplsAction()) },
        { "dec-ttl action", Apply(new DecNwTtlAction()) },
        { "set_field ipv6", Apply(new SetFieldAction(OxmField.Basic(OxmBasicField.Ipv6Src, new byte[16]))) },
        { "set_field arp_spa", Apply(new SetFieldAction(OxmField.Basic(OxmBasicField.ArpSpa, 1))) },
        { "set_field icmp type", Apply(new SetFieldAction(OxmField.Basic(OxmBasicField.Icmpv4Type, 8))) },
        { "set_field vlan without OFPVID_PRESENT", Apply(new SetFieldAction(OxmField.Basic(OxmBasicField.VlanVid, 10))) },
        { "output to a 32-bit port", Apply(new OutputAction(new PortNumber(0x10000))) },
        { "metadata match", Flow(new Match([OxmField.Basic(OxmBasicField.Metadata, 1)])) },
        { "ipv6 match", Flow(new Match([OxmField.EthType(0x86dd), OxmField.Basic(OxmBasicField.Ipv6Src, new byte[16])])) },
        { "tunnel id match", Flow(new Match([OxmField.Basic(OxmBasicField.TunnelId, 5)])) },
        { "experimenter oxm", Flow(new Match([new OxmField(OxmClass.Experimenter, 1, new byte[] { 0, 0, 0x23, 0x20, 1 }, default)])) },
        { "masked eth_dst", Flow(new Match([OxmField.EthDst(MacAddress.Broadcast, new MacAddress(0x0100_0000_0000))])) },
        { "non-prefix ipv4 mask", Flow(new Match([OxmField.EthType(0x0800), OxmField.Ipv4Src(0x0a000001, 0xff00ff00)])) },
        { "ipv4 without eth_type", Flow(new Match([OxmField.Ipv4Src(0x0a000001)])) },
        { "tcp_dst without ip_proto", Flow(new Match([OxmField.EthType(0x0800), OxmField.Basic(OxmBasicField.TcpDst, 80)])) },
        { "udp_dst with ip_proto 6", Flow(new Match([OxmField.EthType(0x0800), OxmField.IpProto(6), OxmField.Basic(OxmBasicField.UdpDst, 53)])) },
        { "vlan_pcp without vlan_vid", Flow(new Match([OxmField.Basic(OxmBasicField.VlanPcp, 3)])) },
        { "any-tagged vlan without pcp", Flow(new Match([OxmField.Basic(OxmBasicField.VlanVid, 0x1000, 0x1000)])) },
        { "duplicate field", Flow(new Match([OxmField.EthType(0x0800), OxmField.EthType(0x0806)])) },
        { "table 1", Flow(Match.Any) with { TableId = 1 } },
        { "table 0xff on an add", Flow(Match.Any) with { TableId = 0xff } },
        { "cookie mask", Flow(Match.Any) with { Command = FlowModCommand.Delete, TableId = 0xff, CookieMask = 0xff00_0000_0000_0000 } },
        { "out_group", Flow(Match.Any) with { OutGroup = new GroupId(1) } },
        { "reset-counts flag", Flow(Match.Any) with { Flags = FlowModFlags.ResetCounts } },
        { "group mod", new GroupMod(GroupModCommand.Add, GroupType.All, new GroupId(1), []) },
        { "port desc request", new PortDescRequest() },
        { "port desc reply", new PortDescReply([]) },
        { "bad-match error", new Error(ErrorType.BadMatch, 0, []) },
        { "experimenter error", new Error(ErrorType.Experimenter, 0, []) { Experimenter = 1 } },
        { "packet-in with table id", new PacketIn(BufferId.NoBuffer, 0, PacketInReason.NoMatch, 1, 0, new Match([OxmField.InPort(new PortNumber(1))]), []) },
        { "packet-in with a cookie", new PacketIn(BufferId.NoBuffer, 0, PacketInReason.NoMatch, 0, 5, new Match([OxmField.InPort(new PortNumber(1))]), []) },
        { "packet-in with more than in_port", new PacketIn(BufferId.NoBuffer, 0, PacketInReason.NoMatch, 0, 0, new Match([OxmField.InPort(new PortNumber(1)), OxmField.EthType(0x800)]), []) },
        { "packet-in invalid ttl", new PacketIn(BufferId.NoBuffer, 0, PacketInReason.InvalidTtl, 0, 0, new Match([OxmField.InPort(new PortNumber(1))]), []) },
        { "flow-removed group delete", new FlowRemoved(0, 0, FlowRemovedReason.GroupDelete, 0, Match.Any) },
        { "flow-removed hard timeout", new FlowRemoved(0, 0, FlowRemovedReason.HardTimeout, 0, Match.Any) { HardTimeout = 5 } },
        { "features with group stats", new FeaturesReply(new DatapathId(1), 0, 1, 0, SwitchCapabilities.GroupStats) },
        { "auxiliary connection", new FeaturesReply(new DatapathId(1), 0, 1, 1, SwitchCapabilities.None) },
        { "flow stats with out_group", new FlowStatsRequest(0xff, PortNumber.Any, new GroupId(3), 0, 0, Match.Any) },
        { "flow stats with cookie", new FlowStatsRequest(0xff, PortNumber.Any, GroupId.Any, 1, 1, Match.Any) },
        { "port stats with duration", new PortStatsReply([new PortStats(new PortNumber(1)) { DurationSec = 1 }]) },
    };

    [Theory]
    [MemberData(nameof(Inexpressible))]
    public void What_1_0_cannot_express_is_an_encode_exception_from_get_length_and_write(string _, OfpMessage message)
    {
        Assert.Throws<OpenFlowEncodeException>(() => Codec.GetLength(message));
        Assert.Throws<OpenFlowEncodeException>(() => Codec.Write(message, new byte[4096]));
    }

    [Fact]
    public void The_1_3_codec_rejects_enqueue()
    {
        var ex = Assert.Throws<OpenFlowEncodeException>(() => OpenFlow13Codec.Instance.Encode(Apply(new EnqueueAction(new PortNumber(1), 2))));
        Assert.Contains("SetQueueAction", ex.Message, StringComparison.Ordinal);
        Assert.Equal(72 + 16, Codec.Encode(Apply(new EnqueueAction(new PortNumber(1), 2))).Length); // 1.0: a 72-byte FLOW_MOD + a 16-byte ENQUEUE
    }

    [Theory]
    [InlineData(0xfff8u, 0xfffffff8u)] // IN_PORT
    [InlineData(0xfff9u, 0xfffffff9u)] // TABLE
    [InlineData(0xfffau, 0xfffffffau)] // NORMAL
    [InlineData(0xfffbu, 0xfffffffbu)] // FLOOD
    [InlineData(0xfffcu, 0xfffffffcu)] // ALL
    [InlineData(0xfffdu, 0xfffffffdu)] // CONTROLLER
    [InlineData(0xfffeu, 0xfffffffeu)] // LOCAL
    [InlineData(0xffffu, 0xffffffffu)] // NONE ↔ ANY
    [InlineData(0xff00u, 0xffffff00u)] // OFPP_MAX
    [InlineData(0u, 0u)]
    [InlineData(1u, 1u)]
    [InlineData(0xfeffu, 0xfeffu)]
    public void Port_numbers_map_both_ways(uint wire, uint record)
    {
        Assert.Equal(new PortNumber(record), Port10.FromWire((ushort)wire));
        Assert.Equal((ushort)wire, Port10.ToWire(new PortNumber(record)));
    }

    [Fact]
    public void Reserved_names_line_up()
    {
        Assert.Equal(PortNumber.Any, Port10.FromWire(0xffff));
        Assert.Equal(PortNumber.Controller, Port10.FromWire(0xfffd));
        Assert.Equal(PortNumber.Max, Port10.FromWire(0xff00));
        Assert.False(Port10.TryToWire(new PortNumber(0xff01), out _));
        Assert.False(Port10.TryToWire(new PortNumber(0xfffffeff), out _));
    }

    [Theory]
    [InlineData(0, 0, ErrorType.HelloFailed, 0)]
    [InlineData(0, 1, ErrorType.HelloFailed, 1)]
    [InlineData(1, 6, ErrorType.BadRequest, 6)] // BAD_LEN
    [InlineData(1, 8, ErrorType.BadRequest, 8)] // BUFFER_UNKNOWN
    [InlineData(2, 4, ErrorType.BadAction, 4)] // BAD_OUT_PORT
    [InlineData(3, 0, ErrorType.FlowModFailed, 1)] // ALL_TABLES_FULL → TABLE_FULL
    [InlineData(3, 1, ErrorType.FlowModFailed, 3)] // OVERLAP
    [InlineData(3, 2, ErrorType.FlowModFailed, 4)] // EPERM
    [InlineData(3, 3, ErrorType.FlowModFailed, 5)] // BAD_EMERG_TIMEOUT → BAD_TIMEOUT
    [InlineData(3, 4, ErrorType.FlowModFailed, 6)] // BAD_COMMAND
    [InlineData(3, 5, ErrorType.BadAction, 11)] // UNSUPPORTED → BAD_ACTION/UNSUPPORTED_ORDER
    [InlineData(4, 0, ErrorType.PortModFailed, 0)]
    [InlineData(4, 1, ErrorType.PortModFailed, 1)]
    [InlineData(5, 1, ErrorType.QueueOpFailed, 1)]
    [InlineData(5, 2, ErrorType.QueueOpFailed, 2)]
    [InlineData(0xb0c2, 7, (ErrorType)0xb0c2, 7)] // Open vSwitch's vendor error type: kept as it is
    public void Error_numbers_map_both_ways(int wireType, int wireCode, ErrorType type, int code)
    {
        Assert.Equal((type, (ushort)code), ErrorCodes10.FromWire((ushort)wireType, (ushort)wireCode));
        Assert.Equal(((ushort)wireType, (ushort)wireCode), ErrorCodes10.ToWire(type, (ushort)code));

        var bytes = RawMessage(1, Hex.Parse($"{wireType:x4}{wireCode:x4}cafe"));
        var error = Assert.IsType<Error>(Codec.Decode(bytes));
        Assert.Equal(new Error(type, (ushort)code, new byte[] { 0xca, 0xfe }) { Xid = new Xid(9) }, error);
        Assert.Equal(bytes, Codec.Encode(error));
    }

    [Fact]
    public void Codes_outside_the_tables_keep_their_numbers_under_the_mapped_type()
    {
        Assert.Equal((ErrorType.FlowModFailed, (ushort)9), ErrorCodes10.FromWire(3, 9));
        Assert.Equal(((ushort)3, (ushort)7), ErrorCodes10.ToWire(ErrorType.FlowModFailed, (ushort)FlowModFailedCode.BadFlags));
        Assert.Equal(((ushort)1, (ushort)9), ErrorCodes10.ToWire(ErrorType.BadRequest, (ushort)BadRequestCode.BadTableId));
    }

    [Fact]
    public void Wildcard_counts_above_32_and_values_under_wildcards_are_normalised_as_documented()
    {
        // wildcards: everything but dl_type (0x0800) and nw_src with count 40 (= /0): nw_src dropped, nw_src value ignored.
        var match = Hex.Parse("003f28ef 0000 000000000000 000000000000 0000 00 00 0800 00 00 0000 0a000001 00000000 0000 0000");
        var r = new SpanReader(match);
        var m = MatchCodec10.Read(ref r);
        Assert.Equal(new Match([OxmField.EthType(0x0800)]), m);

        var w = new byte[40];
        var sw = new SpanWriter(w);
        MatchCodec10.Write(ref sw, m);
        Assert.Equal("003820ef", Hex.Format(w.AsSpan(0, 4))); // OVS's form: counts 32, wildcard bits above 21 cleared
        Assert.Equal("00000000", Hex.Format(w.AsSpan(24, 4))); // nw_src zero
    }

    [Fact]
    public void Transport_ports_without_a_known_protocol_are_dropped_on_decode()
    {
        // dl_type 0x0800, nw_proto 47 (GRE), tp_src 5 matched: OXM has no field for it; the switch ignores it.
        var match = Hex.Parse("003820cf 0000 000000000000 000000000000 0000 00 00 0800 00 2f 0000 00000000 00000000 0005 0000");
        var r = new SpanReader(match);
        Assert.Equal(new Match([OxmField.EthType(0x0800), OxmField.IpProto(47)]), MatchCodec10.Read(ref r));
    }

    [Fact]
    public void Set_tp_actions_decode_as_the_protocol_of_the_match()
    {
        var udp = new Match([OxmField.EthType(0x0800), OxmField.IpProto(17)]);
        var flow = Flow(udp, new ApplyActionsInstruction([new SetFieldAction(OxmField.Basic(OxmBasicField.UdpDst, 53))]));
        Assert.Equal(flow, Codec.Decode(Codec.Encode(flow)));

        // A UDP set-field in a PACKET_OUT (no match) decodes as TCP: the 1.0 action names no protocol.
        var po = new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [new SetFieldAction(OxmField.Basic(OxmBasicField.UdpSrc, 7))], []);
        var back = Assert.IsType<PacketOut>(Codec.Decode(Codec.Encode(po)));
        Assert.Equal(new SetFieldAction(OxmField.Basic(OxmBasicField.TcpSrc, 7)), back.Actions[0]);
    }

    [Fact]
    public void Vlan_forms_map_to_ofp_vlan_none_a_vid_and_any_tag_with_pcp()
    {
        static byte[] Enc(Match m)
        {
            var b = new byte[40];
            var w = new SpanWriter(b);
            MatchCodec10.Write(ref w, m);
            return b;
        }

        var none = Enc(new Match([OxmField.Basic(OxmBasicField.VlanVid, 0)]));
        Assert.Equal("ffff", Hex.Format(none.AsSpan(18, 2)));
        Assert.Equal(0u, (uint)(none[3] & 0x02)); // OFPFW_DL_VLAN clear

        var anyTag = Enc(new Match([OxmField.Basic(OxmBasicField.VlanVid, 0x1000, 0x1000), OxmField.Basic(OxmBasicField.VlanPcp, 5)]));
        Assert.Equal(2, anyTag[3] & 0x02); // dl_vlan wildcarded
        Assert.Equal(0, anyTag[1] & 0x10); // OFPFW_DL_VLAN_PCP (bit 20) clear
        Assert.Equal(5, anyTag[20]);
    }

    [Fact]
    public void Bad_action_arguments_and_lengths_are_decode_errors()
    {
        // FLOW_MOD with a SET_NW_TOS 0x21 (ECN bits set) and one with an OUTPUT of length 16.
        var flow = Codec.Encode(Apply(new SetFieldAction(OxmField.Basic(OxmBasicField.IpDscp, 8))));
        flow[72 + 4] = 0x21;
        var ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(flow));
        Assert.Equal((ErrorType.BadAction, (ushort)BadActionCode.BadArgument), (ex.ErrorType, ex.ErrorCode));

        var output = Codec.Encode(Apply(new OutputAction(new PortNumber(1)), new OutputAction(new PortNumber(2))));
        output[72 + 3] = 16;
        ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(output));
        Assert.Equal((ErrorType.BadAction, (ushort)BadActionCode.BadLen), (ex.ErrorType, ex.ErrorCode));

        var emerg = Codec.Encode(Flow(Match.Any));
        emerg[71] = 4; // OFPFF_EMERG
        ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(emerg));
        Assert.Equal(ErrorType.FlowModFailed, ex.ErrorType);
    }

    [Fact]
    public void Random_bodies_of_every_type_decode_or_give_decode_errors_only()
    {
        RoundTrip.Check(FsCheck.Fluent.Gen.Zip(FsCheck.Fluent.Gen.Choose(0, 25), Gens.Bytes(0, 300)), t =>
        {
            var bytes = RawMessage((byte)t.Item1, t.Item2);
            try
            {
                Codec.Decode(bytes);
            }
            catch (OpenFlowDecodeException)
            {
            }
        }, 3000);
    }

    private static byte[] RawMessage(byte type, byte[] body)
    {
        var b = new byte[8 + body.Length];
        new OfpHeader(1, type, (ushort)b.Length, new Xid(9)).Write(b);
        body.CopyTo(b, 8);
        return b;
    }
}
