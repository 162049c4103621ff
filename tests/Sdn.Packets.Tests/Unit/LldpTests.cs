using System.Text;
using Sdn.OpenFlow;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class LldpTests
{
    private static readonly MacAddress Src = MacAddress.Parse("02:00:00:00:00:01");

    // Ryu's probe for dpid 1 port 2, TTL 120: chassis TLV (type 1, len 22, subtype 7, "dpid:0000000000000001"),
    // port TLV (type 2, len 5, subtype 2, 00000002), TTL TLV (type 3, len 2, 0078), End, padding to 60.
    private const string ProbeHex =
        "0180c200000e 020000000001 88cc" +
        "0216 07 647069643a30303030303030303030303030303031" +
        "0405 02 00000002" +
        "0602 0078" +
        "0000" +
        "000000000000000000";

    [Fact]
    public void Probe_matches_ryus_format_byte_for_byte()
    {
        var frame = LldpPacket.ForSwitchPort(new DatapathId(1), new PortNumber(2), Src, 120).ToArray();
        Assert.Equal(Bytes.FromHex(ProbeHex), frame);
    }

    [Fact]
    public void Probe_parses_back_and_summary_marks_lldp()
    {
        var frame = Bytes.FromHex(ProbeHex);
        Assert.True(LldpPacket.TryParseSwitchPort(frame, out var dpid, out var port));
        Assert.Equal(new DatapathId(1), dpid);
        Assert.Equal(new PortNumber(2), port);

        var s = PacketParser.Parse(frame);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.Lldp, s.Layers);
        Assert.Equal(LldpPacket.NearestBridge, s.EthDestination);
        Assert.Equal(51, s.PayloadOffset);

        // The End TLV ends at byte 51: every shorter prefix is malformed LLDP; padding may be cut.
        Bytes.AssertPrefixes(frame, 51, s);
    }

    [Fact]
    public void Record_parse_exposes_the_tlvs()
    {
        var lldp = LldpPacket.Parse(Bytes.FromHex(ProbeHex)[14..]);
        Assert.Equal(LldpPacket.ChassisSubtypeLocal, lldp.ChassisId.Subtype);
        Assert.Equal("dpid:0000000000000001", Encoding.ASCII.GetString(lldp.ChassisId.Id.Span));
        Assert.Equal(LldpPacket.PortSubtypePortComponent, lldp.PortId.Subtype);
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, lldp.PortId.Id.ToArray());
        Assert.Equal((ushort)120, lldp.TtlSeconds);
        Assert.Empty(lldp.OptionalTlvs);
    }

    [Fact]
    public void Optional_tlvs_round_trip_and_foreign_agents_are_not_probes()
    {
        // An lldpd-style LLDPDU: chassis subtype 4 (MAC), port subtype 5 (interface name), system name.
        var lldp = new LldpPacket(new LldpIdentifier(4, Bytes.FromHex("020000000001")), new LldpIdentifier(5, "eth0"u8.ToArray()), 120)
        {
            OptionalTlvs = [new LldpTlv(LldpTlvType.SystemName, "host1"u8.ToArray()), new LldpTlv(LldpTlvType.OrganizationallySpecific, Bytes.FromHex("0080c2 01 0001"))],
        };
        var pdu = lldp.ToArray();
        Assert.Equal(lldp.Length, pdu.Length);
        var back = LldpPacket.Parse(pdu);
        Assert.Equal(pdu, back.ToArray());
        Assert.Equal([LldpTlvType.SystemName, LldpTlvType.OrganizationallySpecific], back.OptionalTlvs.Select(t => t.Type));

        var frame = EthernetFrame.Carrying(LldpPacket.NearestBridge, Src, lldp).ToArray();
        Assert.False(LldpPacket.TryParseSwitchPort(frame, out _, out _, out var error));
        Assert.Null(error);
        Assert.True(PacketParser.Parse(frame).Has(PacketLayers.Lldp));
    }

    [Theory]
    [InlineData("dpid:000000000000000g")] // not hex
    [InlineData("dpid:00000000000001")] // too short
    [InlineData("DPID:0000000000000001")] // wrong prefix
    public void Near_miss_chassis_ids_are_not_probes(string chassis)
    {
        var lldp = new LldpPacket(new LldpIdentifier(7, Encoding.ASCII.GetBytes(chassis)), new LldpIdentifier(2, new byte[4]), 120);
        Assert.False(LldpPacket.TryParseSwitchPort(EthernetFrame.Carrying(LldpPacket.NearestBridge, Src, lldp).ToArray(), out _, out _));
    }

    [Fact]
    public void Non_lldp_frames_are_not_probes()
    {
        var frame = EthernetFrame.Carrying(MacAddress.Broadcast, Src, ArpPacket.Request(Src, IPv4Address.Any, IPv4Address.Any)).ToArray();
        Assert.False(LldpPacket.TryParseSwitchPort(frame, out _, out _));
        Assert.Throws<PacketDecodeException>(() => LldpPacket.TryParseSwitchPort(frame.AsSpan(0, 5), out _, out _));
    }

    [Theory]
    [InlineData("0216 07 6470", "LLDP: TLV type 1 at offset 0 has length 22, only 3 bytes remain")]
    [InlineData("0405 02 00000002 0602 0078 0000", "LLDP: missing mandatory Chassis ID TLV (TLV 1 is type 2)")]
    [InlineData("0201 07 0405 02 00000002 0602 0078 0000", "LLDP: Chassis ID TLV length 1 (must be 2-256)")]
    [InlineData("0202 07 41 0602 0078 0000", "LLDP: missing mandatory Port ID TLV (TLV 2 is type 3)")]
    [InlineData("0202 07 41 0402 02 01 0603 007800 0000", "LLDP: TTL TLV length 3 (must be 2)")]
    [InlineData("0202 07 41 0402 02 01 0602 0078 0202 07 41 0000", "LLDP: repeated Chassis ID TLV at offset 12")]
    [InlineData("0202 07 41 0402 02 01 0602 0078 0001 00", "LLDP: End of LLDPDU TLV length 1 (must be 0)")]
    [InlineData("0202 07 41 0402 02 01 0602 0078", "LLDP: missing End of LLDPDU TLV")]
    [InlineData("0202 07 41 0402 02 01", "LLDP: missing mandatory TTL TLV")]
    [InlineData("", "LLDP: missing mandatory Chassis ID TLV")]
    public void Malformed_lldpdus_are_refused_with_a_precise_message(string pduHex, string message)
    {
        var pdu = Bytes.FromHex(pduHex);
        Assert.Equal(message, Assert.Throws<PacketDecodeException>(() => LldpPacket.Parse(pdu)).Message);

        var frame = new EthernetFrame(LldpPacket.NearestBridge, Src, EtherType.Lldp, pdu).ToArray()[..(14 + pdu.Length)];
        Assert.False(PacketParser.TryParse(frame, out _, out var error));
        Assert.Equal(message, error);
        Assert.False(LldpPacket.TryParseSwitchPort(frame, out _, out _, out var probeError));
        Assert.Equal(message, probeError);
        Assert.Equal(message, Assert.Throws<PacketDecodeException>(() => LldpPacket.TryParseSwitchPort(frame, out _, out _)).Message);
    }

    [Fact]
    public void Tlv_and_identifier_constructors_validate()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LldpTlv(LldpTlvType.Ttl, new byte[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LldpTlv(LldpTlvType.SystemName, new byte[512]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LldpIdentifier(7, ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LldpIdentifier(7, new byte[256]));
    }
}
