using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V10;
using static Sdn.OpenFlow.Tests.Support.Samples;

namespace Sdn.OpenFlow.Tests.V10;

/// <summary>
/// Independent check of the 1.0 encoder: each message kind is encoded by <see cref="OpenFlow10Codec"/> and handed to
/// Open vSwitch's <c>ovs-ofctl ofp-print</c>, which must decode it without complaint and print the key fields as
/// OVS 3.1 prints 1.0 messages. Fails, does not skip, when <c>ovs-ofctl</c> is missing.
/// </summary>
public class OvsOfpPrint10CrossCheckTests
{
    private static readonly OpenFlow10Codec Codec = OpenFlow10Codec.Instance;

    private static readonly PortDescription Port1 = new(new PortNumber(1), MacAddress.Parse("02:00:00:00:00:01"), "eth1", PortConfig.NoFlood, PortState.StpForward)
    {
        Current = (1 << 6) | (1 << 11), // 10GB-FD COPPER (1.3 numbering)
    };

    private static readonly Match TcpMatch = new(
    [
        OxmField.InPort(new PortNumber(1)), OxmField.EthType(0x0800), OxmField.VlanVid(10), OxmField.Basic(OxmBasicField.IpDscp, 8),
        OxmField.IpProto(6), OxmField.Ipv4Dst(Ip("10.0.0.0"), Ip("255.255.255.0")), OxmField.Basic(OxmBasicField.TcpDst, 80),
    ]);

    private static readonly Dictionary<string, (OfpMessage Message, string[] Expect)> Cases = new()
    {
        ["hello"] = (new Hello(1, []) { Xid = new Xid(1) }, ["OFPT_HELLO (xid=0x1):", "version bitmap: 0x01"]),
        ["error_flow_mod_overlap"] = (new Error(ErrorType.FlowModFailed, (ushort)FlowModFailedCode.Overlap, Codec.Encode(new BarrierRequest { Xid = new Xid(2) })) { Xid = new Xid(2) },
            ["OFPT_ERROR (xid=0x2): OFPFMFC_OVERLAP", "OFPT_BARRIER_REQUEST (xid=0x2)"]),
        ["error_unsupported_order"] = (new Error(ErrorType.BadAction, (ushort)BadActionCode.UnsupportedOrder, Codec.Encode(new BarrierRequest { Xid = new Xid(2) })) { Xid = new Xid(2) },
            ["OFPT_ERROR (xid=0x2): OFPFMFC_UNSUPPORTED"]),
        ["error_port_mod"] = (new Error(ErrorType.PortModFailed, (ushort)PortModFailedCode.BadHwAddr, []) { Xid = new Xid(2) }, ["OFPT_ERROR (xid=0x2): OFPPMFC_BAD_HW_ADDR"]),
        ["echo_request"] = (new EchoRequest([1, 2, 3]) { Xid = new Xid(3) }, ["OFPT_ECHO_REQUEST (xid=0x3): 3 bytes of payload"]),
        ["echo_reply"] = (new EchoReply([]) { Xid = new Xid(3) }, ["OFPT_ECHO_REPLY (xid=0x3): 0 bytes of payload"]),
        ["features_request"] = (new FeaturesRequest { Xid = new Xid(4) }, ["OFPT_FEATURES_REQUEST (xid=0x4)"]),
        ["features_reply"] = (new FeaturesReply(new DatapathId(0xa01), 256, 1, 0,
                SwitchCapabilities.FlowStats | SwitchCapabilities.Stp | SwitchCapabilities.ArpMatchIp)
            { Xid = new Xid(4), Reserved = 0x1 | (1 << 11), Ports = [Port1, Port1 with { PortNo = PortNumber.Local, Name = "br0", Config = PortConfig.PortDown, State = PortState.LinkDown }] },
            ["OFPT_FEATURES_REPLY (xid=0x4): dpid:0000000000000a01", "n_tables:1, n_buffers:256", "capabilities: FLOW_STATS STP ARP_MATCH_IP",
             "actions: output enqueue", "1(eth1): addr:02:00:00:00:00:01", "config:     NO_FLOOD", "state:      STP_FORWARD", "current:    10GB-FD COPPER",
             "LOCAL(br0)", "config:     PORT_DOWN", "state:      LINK_DOWN"]),
        ["get_config_request"] = (new GetConfigRequest { Xid = new Xid(5) }, ["OFPT_GET_CONFIG_REQUEST (xid=0x5)"]),
        ["get_config_reply"] = (new GetConfigReply(ConfigFlags.FragDrop, 128) { Xid = new Xid(5) }, ["OFPT_GET_CONFIG_REPLY (xid=0x5): frags=drop miss_send_len=128"]),
        ["set_config"] = (new SetConfig(ConfigFlags.FragNormal, 0xffff) { Xid = new Xid(5) }, ["OFPT_SET_CONFIG (xid=0x5): frags=normal miss_send_len=65535"]),
        ["packet_in"] = (new PacketIn(new BufferId(0x100), 42, PacketInReason.NoMatch, 0, 0, new Match([OxmField.InPort(new PortNumber(3))]), ArpFrame) { Xid = new Xid(6) },
            ["OFPT_PACKET_IN (xid=0x6): total_len=42 in_port=3 (via no_match) data_len=42 buffer=0x00000100", "arp_spa=10.0.0.1,arp_tpa=10.0.0.2,arp_op=1"]),
        ["packet_out"] = (new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [new OutputAction(new PortNumber(2)), new PopVlanAction()], ArpFrame) { Xid = new Xid(7) },
            ["OFPT_PACKET_OUT (xid=0x7): in_port=CONTROLLER actions=output:2,strip_vlan data_len=42"]),
        ["flow_mod_add"] = (new FlowMod(FlowModCommand.Add, TcpMatch,
            [
                new ApplyActionsInstruction(
                [
                    new SetFieldAction(OxmField.VlanVid(20)), new SetFieldAction(OxmField.Basic(OxmBasicField.VlanPcp, 5)),
                    new SetFieldAction(OxmField.EthSrc(MacAddress.Parse("02:00:00:00:00:aa"))), new SetFieldAction(OxmField.Ipv4Dst(Ip("10.9.9.9"))),
                    new SetFieldAction(OxmField.Basic(OxmBasicField.IpDscp, 10)), new SetFieldAction(OxmField.Basic(OxmBasicField.TcpSrc, 1000)),
                    new EnqueueAction(new PortNumber(2), 7), new OutputAction(PortNumber.Controller, 128),
                ]),
            ])
            { Xid = new Xid(8), Priority = 100, IdleTimeout = 10, HardTimeout = 60, Cookie = 0xabc, Flags = FlowModFlags.SendFlowRemoved, BufferId = new BufferId(5) },
            ["OFPT_FLOW_MOD (xid=0x8): ADD priority=100,tcp,in_port=1,dl_vlan=10,nw_dst=10.0.0.0/24,nw_tos=32,tp_dst=80", "cookie:0xabc", "idle:10", "hard:60",
             "send_flow_rem", "buf:0x5", "actions=mod_vlan_vid:20,mod_vlan_pcp:5,mod_dl_src:02:00:00:00:00:aa,mod_nw_dst:10.9.9.9,mod_nw_tos:40,mod_tp_src:1000,enqueue:2:7,CONTROLLER:128"]),
        ["flow_mod_delete_strict"] = (new FlowMod(FlowModCommand.DeleteStrict, new Match([OxmField.Basic(OxmBasicField.VlanVid, 0), OxmField.EthType(0x0806), OxmField.Basic(OxmBasicField.ArpTpa, Ip("10.0.0.7"))]), [])
            { Xid = new Xid(9), Priority = 5, TableId = FlowMod.AllTables, OutPort = new PortNumber(2) },
            // OFP_VLAN_NONE prints as vlan_tci=0x0000 (untagged); the default priority 32768 is not printed.
            ["OFPT_FLOW_MOD (xid=0x9): DEL_STRICT priority=5,arp,vlan_tci=0x0000,arp_tpa=10.0.0.7", "out_port:2"]),
        ["flow_mod_udp_icmp"] = (new FlowMod(FlowModCommand.Modify, new Match([OxmField.EthType(0x0800), OxmField.IpProto(1), OxmField.Basic(OxmBasicField.Icmpv4Type, 8)]),
            [new ApplyActionsInstruction([new OutputAction(PortNumber.Flood, 0)])]) { Xid = new Xid(10) },
            ["OFPT_FLOW_MOD (xid=0xa): MOD icmp,icmp_type=8 actions=FLOOD"]),
        ["flow_removed"] = (new FlowRemoved(0xc0ffee, 10, FlowRemovedReason.HardTimeout, 0, new Match([OxmField.EthType(0x0800), OxmField.IpProto(17), OxmField.Basic(OxmBasicField.UdpDst, 53)]))
            { DurationSec = 3, DurationNsec = 9_000_000, IdleTimeout = 2, PacketCount = 4, ByteCount = 392 },
            ["OFPT_FLOW_REMOVED (xid=0x0): priority=10,udp,tp_dst=53 reason=hard cookie:0xc0ffee duration3.009s idle2 pkts4 bytes392"]),
        ["port_status"] = (new PortStatus(PortStatusReason.Modify, Port1) { Xid = new Xid(0) },
            ["OFPT_PORT_STATUS (xid=0x0): MOD: 1(eth1): addr:02:00:00:00:00:01", "speed: 10000 Mbps now"]),
        ["barrier_request"] = (new BarrierRequest { Xid = new Xid(12) }, ["OFPT_BARRIER_REQUEST (xid=0xc)"]),
        ["barrier_reply"] = (new BarrierReply { Xid = new Xid(12) }, ["OFPT_BARRIER_REPLY (xid=0xc)"]),
        ["desc_request"] = (new DescRequest { Xid = new Xid(13) }, ["OFPST_DESC request (xid=0xd)"]),
        ["desc_reply"] = (new DescReply("Acme", "Box 9000", "1.2.3", "SN42", "lab switch") { Xid = new Xid(13) },
            ["OFPST_DESC reply (xid=0xd)", "Manufacturer: Acme", "Hardware: Box 9000", "Software: 1.2.3", "Serial Num: SN42", "DP Description: lab switch"]),
        ["flow_stats_request"] = (new FlowStatsRequest(0xff, new PortNumber(2), GroupId.Any, 0, 0, new Match([OxmField.EthType(0x0806)])) { Xid = new Xid(15) },
            ["OFPST_FLOW request (xid=0xf): out_port=2 arp"]),
        ["flow_stats_reply"] = (new FlowStatsReply(
            [
                new FlowStats(0, 2, 500_000_000, 100, 10, 0, FlowModFlags.None, 0x1, 5, 300, TcpMatch, [new ApplyActionsInstruction([new OutputAction(new PortNumber(2), 0)])]),
            ])
            { Xid = new Xid(15) },
            ["OFPST_FLOW reply (xid=0xf):", "cookie=0x1, duration=2.500s, table=0, n_packets=5, n_bytes=300, idle_timeout=10, priority=100,tcp,in_port=1,dl_vlan=10,nw_dst=10.0.0.0/24,nw_tos=32,tp_dst=80 actions=output:2"]),
        ["aggregate_request"] = (new AggregateStatsRequest(0xff, PortNumber.Any, GroupId.Any, 0, 0, Match.Any) { Xid = new Xid(16) }, ["OFPST_AGGREGATE request (xid=0x10):"]),
        ["aggregate_reply"] = (new AggregateStatsReply(5, 300, 2) { Xid = new Xid(16) }, ["OFPST_AGGREGATE reply (xid=0x10): packet_count=5 byte_count=300 flow_count=2"]),
        ["port_stats_request"] = (new PortStatsRequest(PortNumber.Any) { Xid = new Xid(17) }, ["OFPST_PORT request (xid=0x11): port_no=ANY"]),
        ["port_stats_reply"] = (new PortStatsReply([new PortStats(new PortNumber(1)) { RxPackets = 7, TxPackets = 8, RxBytes = 700, TxBytes = 800 }]) { Xid = new Xid(17) },
            ["OFPST_PORT reply (xid=0x11): 1 ports", "port  1: rx pkts=7, bytes=700", "tx pkts=8, bytes=800"]),
        ["table_stats_request"] = (new TableStatsRequest { Xid = new Xid(18) }, ["OFPST_TABLE request (xid=0x12)"]),
        ["table_stats_reply"] = (new TableStatsReply([new TableStats(0, 3, 100, 90) { Name = "classifier", Wildcards = 0x3fffff, MaxEntries = 1_000_000 }]) { Xid = new Xid(18) },
            ["OFPST_TABLE reply (xid=0x12):", "table 0 (\"classifier\"):", "active=3, lookup=100, matched=90", "max_entries=1000000"]),
        ["stats_more_flag"] = (new PortStatsReply([]) { Xid = new Xid(19), Flags = MultipartFlags.More }, ["OFPST_PORT reply (xid=0x13): flags=[more] 0 ports"]),
        // PORT_MOD (type 15) is not modelled: the UnknownMessage must still go out as it came.
        ["unknown_port_mod"] = (new UnknownMessage(1, 15, Hex.Parse("0001 020000000001 00000001 00000001 00000000 00000000")) { Xid = new Xid(20) },
            ["OFPT_PORT_MOD (xid=0x14): port: 1: addr:02:00:00:00:00:01", "config: PORT_DOWN"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Ovs_ofp_print_decodes_our_1_0_encoding(string name)
    {
        var (message, expect) = Cases[name];
        var bytes = Codec.Encode(message);
        Assert.Equal(1, bytes[0]);
        OfpPrintCrossCheck.DecodesCleanlyAndShows(bytes, expect);
    }

    [Fact]
    public void Every_message_kind_the_1_0_codec_models_is_cross_checked() =>
        OfpPrintCrossCheck.CoversEveryModelledKind(Cases.Values.Select(c => c.Message), typeof(GroupMod), typeof(PortDescRequest), typeof(PortDescReply)); // no 1.0 form

    [Fact]
    public void The_1_0_cross_check_can_fail()
    {
        // The FLOW_MOD's first action length corrupted (8 → 12): ofp-print must complain.
        var bytes = Codec.Encode(Cases["flow_mod_udp_icmp"].Message);
        bytes[72 + 3] = 12;
        OfpPrintCrossCheck.Complains(bytes);
    }
}
