using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.V13;

namespace Sdn.Benchmarks;

/// <summary>The messages and wire frames the benchmarks feed in (OpenFlow 1.3).</summary>
public static class Frames
{
    /// <summary>Length of the Ethernet frame carried by a PACKET_IN (cbench sends 60-byte frames; 64 on the wire with the FCS).</summary>
    public const int EthernetFrameLength = 60;

    /// <summary>Host A (the sender in steady state), on port 1.</summary>
    public static readonly MacAddress HostA = new(0x0000_0000_00aaUL);

    /// <summary>Host B (the receiver, learned first), on port 2.</summary>
    public static readonly MacAddress HostB = new(0x0000_0000_00bbUL);

    /// <summary>The codec under test.</summary>
    public static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    /// <summary>A 60-byte Ethernet II / IPv4 frame from <paramref name="src"/> to <paramref name="dst"/>.</summary>
    public static byte[] EthernetFrame(MacAddress src, MacAddress dst)
    {
        // A well-formed frame (ARP request from src, padded to the 60-byte Ethernet minimum) so the always-on topology
        // app tracks the host as it would a real one; garbage after an IPv4 EtherType made every packet-in a
        // malformed-packet case (an error message allocated per call).
        var arp = Sdn.Packets.EthernetFrame.Carrying(dst, src, Sdn.Packets.ArpPacket.Request(src, new Sdn.Packets.IPv4Address(0x0a00_0001u), new Sdn.Packets.IPv4Address(0x0a00_0002u))).ToArray();
        var frame = new byte[EthernetFrameLength];
        arp.CopyTo(frame, 0);
        return frame;
    }

    /// <summary>A table-miss PACKET_IN as Open vSwitch sends it: match with OXM in_port only, the whole frame, a buffer id.</summary>
    public static PacketIn PacketIn(MacAddress src, MacAddress dst, uint inPort, uint bufferId = 0x100, uint xid = 0) =>
        new(new BufferId(bufferId), EthernetFrameLength, PacketInReason.NoMatch, 0, ulong.MaxValue,
            new Match([OxmField.InPort(new PortNumber(inPort))]), EthernetFrame(src, dst))
        {
            Xid = new Xid(xid),
        };

    /// <summary>The FLOW_MOD L2Learning sends for a known destination: in_port + eth_dst + eth_src, apply-actions output.</summary>
    public static FlowMod LearnedFlowMod() =>
        new(FlowModCommand.Add,
            new Match([OxmField.InPort(new PortNumber(1)), OxmField.EthDst(HostB), OxmField.EthSrc(HostA)]),
            [new ApplyActionsInstruction([new OutputAction(new PortNumber(2), 0xffe5)])])
        {
            Priority = 1,
            Cookie = 0x1000_0000_0000_0000UL,
            BufferId = new BufferId(0x100),
            Xid = new Xid(7),
        };

    /// <summary>A FLOW_MOD with 13 OXM fields (some masked) and two instructions.</summary>
    public static FlowMod ManyFieldsFlowMod() =>
        new(FlowModCommand.Add,
            new Match(
            [
                OxmField.InPort(new PortNumber(1)),
                OxmField.Basic(OxmBasicField.Metadata, 0x1234, 0xffff),
                OxmField.EthDst(HostB),
                OxmField.EthSrc(HostA),
                OxmField.EthType(0x0800),
                OxmField.VlanVid(10),
                OxmField.Basic(OxmBasicField.VlanPcp, 3),
                OxmField.Basic(OxmBasicField.IpDscp, 10),
                OxmField.IpProto(6),
                OxmField.Ipv4Src(0x0a000001, 0xffffff00),
                OxmField.Ipv4Dst(0x0a000102, 0xffff0000),
                OxmField.Basic(OxmBasicField.TcpSrc, 40000),
                OxmField.Basic(OxmBasicField.TcpDst, 443),
            ]),
            [
                new ApplyActionsInstruction([new SetFieldAction(OxmField.EthDst(new MacAddress(0x0200_0000_0001UL))), new OutputAction(new PortNumber(3))]),
                new GotoTableInstruction(1),
            ])
        {
            Priority = 100,
            IdleTimeout = 30,
            Cookie = 0x1000_0000_0000_0042UL,
            Xid = new Xid(8),
        };

    /// <summary>The PACKET_OUT L2Learning sends for an unknown destination without a buffer: FLOOD with the frame.</summary>
    public static PacketOut FloodPacketOut() =>
        new(BufferId.NoBuffer, new PortNumber(1), [new OutputAction(PortNumber.Flood, 0xffe5)], EthernetFrame(HostA, HostB)) { Xid = new Xid(9) };

    /// <summary>A PORT_DESC reply with <paramref name="ports"/> ports (64 bytes each).</summary>
    public static PortDescReply PortDescReply(int ports) =>
        new(Enumerable.Range(1, ports).Select(i =>
            new PortDescription(new PortNumber((uint)i), new MacAddress(0x0200_0000_0000UL | (uint)i), $"s1-eth{i}", PortConfig.None, PortState.Live)
            {
                Current = 0x840, // 10 Gb full duplex, copper
                CurrentSpeedKbps = 10_000_000,
                MaxSpeedKbps = 10_000_000,
            }).ToArray())
        {
            Xid = new Xid(10),
        };

    /// <summary>Encodes <paramref name="message"/>.</summary>
    public static byte[] Encode(OfpMessage message) => Codec.Encode(message);
}
