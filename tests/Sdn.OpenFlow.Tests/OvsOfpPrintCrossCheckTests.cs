using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V13;
using static Sdn.OpenFlow.Tests.Support.Samples;

namespace Sdn.OpenFlow.Tests;

/// <summary>
/// Independent check of our encoder: each message type is encoded by <see cref="OpenFlow13Codec"/> and handed to
/// Open vSwitch's <c>ovs-ofctl ofp-print</c>, which must decode it without complaint and print the key fields
/// (texts as OVS 3.1 prints them). Fails, does not skip, when <c>ovs-ofctl</c> is missing.
/// </summary>
public class OvsOfpPrintCrossCheckTests
{
    private static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    private static readonly PortDescription Port1 = new(new PortNumber(1), MacAddress.Parse("02:00:00:00:00:01"), "eth1", PortConfig.None, PortState.Live)
    {
        Current = (1 << 6) | (1 << 11), // 10GB-FD COPPER
        CurrentSpeedKbps = 10_000_000,
    };

    private static readonly Match IpMatch = new([OxmField.InPort(new PortNumber(1)), OxmField.EthType(0x0800), OxmField.Ipv4Dst(Ip("10.0.0.0"), Ip("255.255.255.0"))]);

    /// <summary>Case name → (message, texts ofp-print must show).</summary>
    private static readonly Dictionary<string, (OfpMessage Message, string[] Expect)> Cases = new()
    {
        ["hello"] = (Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow13) with { Xid = new Xid(1) },
            ["OFPT_HELLO (OF1.3) (xid=0x1):", "version bitmap: 0x01, 0x04"]),
        ["error_hello_failed"] = (new Error(ErrorType.HelloFailed, (ushort)HelloFailedCode.Incompatible, "no common version"u8.ToArray()) { Xid = new Xid(2) },
            ["OFPT_ERROR (OF1.3) (xid=0x2): OFPHFC_INCOMPATIBLE", "no common version"]),
        ["error_bad_match"] = (new Error(ErrorType.BadMatch, (ushort)BadMatchCode.BadPrereq, Codec.Encode(new FeaturesRequest { Xid = new Xid(2) })) { Xid = new Xid(2) },
            ["OFPT_ERROR (OF1.3) (xid=0x2): OFPBMC_BAD_PREREQ", "OFPT_FEATURES_REQUEST (OF1.3) (xid=0x2)"]),
        ["error_experimenter"] = (new Error(ErrorType.Experimenter, 5, Codec.Encode(new EchoRequest([]) { Xid = new Xid(0x15) })) { Xid = new Xid(0x15), Experimenter = 0x2320 },
            ["OFPT_ERROR (OF1.3) (xid=0x15): NXBRC_BAD_REASON", "OFPT_ECHO_REQUEST (OF1.3) (xid=0x15)"]), // Nicira experimenter error 5
        ["echo_request"] = (new EchoRequest([1, 2, 3, 4]) { Xid = new Xid(3) }, ["OFPT_ECHO_REQUEST (OF1.3) (xid=0x3): 4 bytes of payload"]),
        ["echo_reply"] = (new EchoReply([]) { Xid = new Xid(3) }, ["OFPT_ECHO_REPLY (OF1.3) (xid=0x3): 0 bytes of payload"]),
        ["features_request"] = (new FeaturesRequest { Xid = new Xid(4) }, ["OFPT_FEATURES_REQUEST (OF1.3) (xid=0x4)"]),
        ["features_reply"] = (new FeaturesReply(new DatapathId(0xa01), 0, 254, 0,
                SwitchCapabilities.FlowStats | SwitchCapabilities.TableStats | SwitchCapabilities.PortStats | SwitchCapabilities.GroupStats | SwitchCapabilities.QueueStats)
            { Xid = new Xid(4) },
            ["OFPT_FEATURES_REPLY (OF1.3) (xid=0x4): dpid:0000000000000a01", "n_tables:254, n_buffers:0", "capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS"]),
        ["get_config_request"] = (new GetConfigRequest { Xid = new Xid(5) }, ["OFPT_GET_CONFIG_REQUEST (OF1.3) (xid=0x5)"]),
        ["get_config_reply"] = (new GetConfigReply(ConfigFlags.FragDrop, 128) { Xid = new Xid(5) }, ["OFPT_GET_CONFIG_REPLY (OF1.3) (xid=0x5): frags=drop miss_send_len=128"]),
        ["set_config"] = (new SetConfig(ConfigFlags.FragNormal, 0xffff) { Xid = new Xid(5) }, ["OFPT_SET_CONFIG (OF1.3) (xid=0x5): frags=normal miss_send_len=65535"]),
        ["packet_in"] = (new PacketIn(BufferId.NoBuffer, 42, PacketInReason.Action, 3, 0xc0ffee, new Match([OxmField.InPort(new PortNumber(1))]), ArpFrame) { Xid = new Xid(6) },
            ["OFPT_PACKET_IN (OF1.3) (xid=0x6): table_id=3 cookie=0xc0ffee total_len=42 in_port=1 (via action) data_len=42 (unbuffered)", "arp_spa=10.0.0.1,arp_tpa=10.0.0.2,arp_op=1"]),
        ["packet_out"] = (new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [new OutputAction(new PortNumber(2))], ArpFrame) { Xid = new Xid(7) },
            ["OFPT_PACKET_OUT (OF1.3) (xid=0x7): in_port=CONTROLLER actions=output:2 data_len=42"]),
        ["flow_mod_add"] = (new FlowMod(FlowModCommand.Add, IpMatch, [new ApplyActionsInstruction([new OutputAction(new PortNumber(2))])])
            { Xid = new Xid(8), Priority = 100, IdleTimeout = 10, HardTimeout = 60, Cookie = 0xabc, TableId = 1, Flags = FlowModFlags.SendFlowRemoved },
            ["OFPT_FLOW_MOD (OF1.3) (xid=0x8): ADD table:1 priority=100,ip,in_port=1,nw_dst=10.0.0.0/24", "cookie:0xabc", "idle:10", "hard:60", "send_flow_rem", "actions=output:2"]),
        ["flow_mod_delete_strict"] = (new FlowMod(FlowModCommand.DeleteStrict, IpMatch, []) { Xid = new Xid(8), Priority = 5, TableId = 2, OutPort = new PortNumber(2), Cookie = 0x10, CookieMask = 0xff },
            ["OFPT_FLOW_MOD (OF1.3) (xid=0x8): DEL_STRICT table:2 priority=5,ip,in_port=1,nw_dst=10.0.0.0/24", "cookie:0x10/0xff", "out_port:2"]),
        ["flow_mod_modify_actions"] = (new FlowMod(FlowModCommand.Modify, new Match([OxmField.EthType(0x0800)]),
            [
                new ApplyActionsInstruction(
                [
                    new PushVlanAction(0x8100), new SetFieldAction(OxmField.VlanVid(10)), new PopVlanAction(),
                    new PushMplsAction(0x8847), new SetMplsTtlAction(9), new DecMplsTtlAction(), new PopMplsAction(0x0800),
                    new SetNwTtlAction(5), new DecNwTtlAction(), new SetQueueAction(3), new GroupAction(new GroupId(4)),
                    new SetFieldAction(OxmField.Ipv4Src(Ip("10.1.2.3"))), new OutputAction(PortNumber.Controller, 128),
                ]),
            ])
            { Xid = new Xid(9) },
            ["OFPT_FLOW_MOD (OF1.3) (xid=0x9): MOD ip", "push_vlan:0x8100", "set_field:4106->vlan_vid", "pop_vlan", "push_mpls:0x8847",
             "set_mpls_ttl(9)", "dec_mpls_ttl", "pop_mpls:0x0800", "mod_nw_ttl:5", "dec_ttl", "set_queue:3", "group:4",
             "set_field:10.1.2.3->ip_src", "CONTROLLER:128"]),
        ["flow_mod_instructions"] = (new FlowMod(FlowModCommand.Add, Match.Any,
            [
                new MeterInstruction(1), new ClearActionsInstruction(),
                new WriteActionsInstruction([new OutputAction(new PortNumber(3))]),
                new WriteMetadataInstruction(0x1, 0xff), new GotoTableInstruction(2),
            ])
            { Xid = new Xid(10), Priority = 0 },
            ["OFPT_FLOW_MOD (OF1.3) (xid=0xa): ADD priority=0", "actions=meter:1,clear_actions,write_actions(output:3),write_metadata:0x1/0xff,goto_table:2"]),
        ["flow_removed"] = (new FlowRemoved(0xc0ffee, 10, FlowRemovedReason.HardTimeout, 0, new Match([OxmField.EthType(0x0800), OxmField.IpProto(1)]))
            { DurationSec = 3, DurationNsec = 9_000_000, HardTimeout = 3, PacketCount = 4, ByteCount = 392 },
            ["OFPT_FLOW_REMOVED (OF1.3) (xid=0x0): priority=10,icmp reason=hard table_id=0 cookie:0xc0ffee duration3.009s idle0 hard3 pkts4 bytes392"]),
        ["port_status"] = (new PortStatus(PortStatusReason.Add, Port1) { Xid = new Xid(0) },
            ["OFPT_PORT_STATUS (OF1.3) (xid=0x0): ADD: 1(eth1): addr:02:00:00:00:00:01", "state:      LIVE", "current:    10GB-FD COPPER", "speed: 10000 Mbps now"]),
        ["group_mod"] = (new GroupMod(GroupModCommand.Add, GroupType.Select, new GroupId(2),
            [
                new Bucket(60, PortNumber.Any, GroupId.Any, [new OutputAction(new PortNumber(1), 0)]),
                new Bucket(40, PortNumber.Any, GroupId.Any, [new OutputAction(new PortNumber(2), 0)]),
            ])
            { Xid = new Xid(11) },
            ["OFPT_GROUP_MOD (OF1.3) (xid=0xb):", "ADD group_id=2,type=select,bucket=weight:60,actions=output:1,bucket=weight:40,actions=output:2"]),
        ["group_mod_ff"] = (new GroupMod(GroupModCommand.Modify, GroupType.FastFailover, new GroupId(4),
            [new Bucket(0, new PortNumber(1), GroupId.Any, [new OutputAction(new PortNumber(1), 0)])]) { Xid = new Xid(11) },
            ["MOD group_id=4,type=ff,bucket=watch_port:1,actions=output:1"]),
        ["barrier_request"] = (new BarrierRequest { Xid = new Xid(12) }, ["OFPT_BARRIER_REQUEST (OF1.3) (xid=0xc)"]),
        ["barrier_reply"] = (new BarrierReply { Xid = new Xid(12) }, ["OFPT_BARRIER_REPLY (OF1.3) (xid=0xc)"]),
        ["desc_request"] = (new DescRequest { Xid = new Xid(13) }, ["OFPST_DESC request (OF1.3) (xid=0xd)"]),
        ["desc_reply"] = (new DescReply("Acme", "Box 9000", "1.2.3", "SN42", "lab switch") { Xid = new Xid(13) },
            ["OFPST_DESC reply (OF1.3) (xid=0xd)", "Manufacturer: Acme", "Hardware: Box 9000", "Software: 1.2.3", "Serial Num: SN42", "DP Description: lab switch"]),
        ["port_desc_request"] = (new PortDescRequest { Xid = new Xid(14) }, ["OFPST_PORT_DESC request (OF1.3) (xid=0xe)"]),
        ["port_desc_reply"] = (new PortDescReply([Port1, Port1 with { PortNo = PortNumber.Local, Name = "br0", Config = PortConfig.PortDown, State = PortState.LinkDown }]) { Xid = new Xid(14) },
            ["OFPST_PORT_DESC reply (OF1.3) (xid=0xe)", "1(eth1): addr:02:00:00:00:00:01", "LOCAL(br0): addr:02:00:00:00:00:01", "config:     PORT_DOWN"]),
        ["flow_stats_request"] = (new FlowStatsRequest(1, new PortNumber(2), GroupId.Any, 0, 0, new Match([OxmField.EthType(0x0806)])) { Xid = new Xid(15) },
            ["OFPST_FLOW request (OF1.3) (xid=0xf): table=1 out_port=2 arp"]),
        ["flow_stats_reply"] = (new FlowStatsReply(
            [
                new FlowStats(0, 2, 500_000_000, 100, 10, 0, FlowModFlags.None, 0x1, 5, 300, IpMatch, [new ApplyActionsInstruction([new OutputAction(new PortNumber(2))])]),
            ])
            { Xid = new Xid(15) },
            ["OFPST_FLOW reply (OF1.3) (xid=0xf):", "cookie=0x1, duration=2.500s, table=0, n_packets=5, n_bytes=300, idle_timeout=10, priority=100,ip,in_port=1,nw_dst=10.0.0.0/24 actions=output:2"]),
        ["aggregate_request"] = (new AggregateStatsRequest(0xff, PortNumber.Any, GroupId.Any, 0, 0, Match.Any) { Xid = new Xid(16) },
            ["OFPST_AGGREGATE request (OF1.3) (xid=0x10):"]),
        ["aggregate_reply"] = (new AggregateStatsReply(5, 300, 2) { Xid = new Xid(16) },
            ["OFPST_AGGREGATE reply (OF1.3) (xid=0x10): packet_count=5 byte_count=300 flow_count=2"]),
        ["port_stats_request"] = (new PortStatsRequest(new PortNumber(1)) { Xid = new Xid(17) }, ["OFPST_PORT request (OF1.3) (xid=0x11): port_no=1"]),
        ["port_stats_reply"] = (new PortStatsReply([new PortStats(new PortNumber(1)) { RxPackets = 7, TxPackets = 8, RxBytes = 700, TxBytes = 800, DurationSec = 12 }]) { Xid = new Xid(17) },
            ["OFPST_PORT reply (OF1.3) (xid=0x11): 1 ports", "port  1: rx pkts=7, bytes=700", "tx pkts=8, bytes=800", "duration=12s"]),
        ["table_stats_request"] = (new TableStatsRequest { Xid = new Xid(18) }, ["OFPST_TABLE request (OF1.3) (xid=0x12)"]),
        ["table_stats_reply"] = (new TableStatsReply([new TableStats(0, 3, 100, 90)]) { Xid = new Xid(18) },
            ["OFPST_TABLE reply (OF1.3) (xid=0x12):", "table 0:", "active=3, lookup=100, matched=90"]),
        ["multipart_more_flag"] = (new PortDescReply([Port1]) { Xid = new Xid(19), Flags = MultipartFlags.More }, ["OFPST_PORT_DESC reply (OF1.3) (xid=0x13): flags=[more]"]),
        // ROLE_REQUEST (type 24) is not modelled: an UnknownMessage must still go out as it came.
        ["unknown_role_request"] = (new UnknownMessage(4, 24, Hex.Parse("00000002 00000000 0000000000000005")) { Xid = new Xid(20) },
            ["OFPT_ROLE_REQUEST (OF1.3) (xid=0x14): role=primary generation_id=5"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Ovs_ofp_print_decodes_our_encoding(string name)
    {
        var (message, expect) = Cases[name];
        OfpPrintCrossCheck.DecodesCleanlyAndShows(Codec.Encode(message), expect);
    }

    [Fact]
    public void Every_message_kind_the_codec_models_is_cross_checked() =>
        OfpPrintCrossCheck.CoversEveryModelledKind(Cases.Values.Select(c => c.Message));

    [Fact]
    public void The_cross_check_can_fail()
    {
        // A FLOW_MOD whose action length field is corrupted: ofp-print must complain, proving the check above has teeth.
        var bytes = Codec.Encode(Cases["flow_mod_add"].Message);
        bytes[^14] = 0x0c; // OUTPUT action length 16 → 12
        OfpPrintCrossCheck.Complains(bytes);
    }
}
