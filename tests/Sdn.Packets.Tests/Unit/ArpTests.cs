using Sdn.OpenFlow;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class ArpTests
{
    private static readonly MacAddress Mac1 = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress Mac2 = MacAddress.Parse("02:00:00:00:00:02");
    private static readonly IPv4Address Ip1 = IPv4Address.Parse("10.0.0.1");
    private static readonly IPv4Address Ip2 = IPv4Address.Parse("10.0.0.2");

    // RFC 826 layout: htype 1, ptype 0800, hlen 6, plen 4, op, sha, spa, tha, tpa.
    private const string RequestHex = "0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002";

    [Fact]
    public void Request_is_written_per_rfc_826()
    {
        Assert.Equal(Bytes.FromHex(RequestHex), ArpPacket.Request(Mac1, Ip1, Ip2).ToArray());
    }

    [Fact]
    public void Reply_swaps_the_roles()
    {
        var reply = ArpPacket.ReplyTo(ArpPacket.Request(Mac1, Ip1, Ip2), Mac2);
        Assert.Equal(new ArpPacket(ArpOperation.Reply, Mac2, Ip2, Mac1, Ip1), reply);
    }

    [Fact]
    public void Frame_summary_has_every_arp_field()
    {
        var frame = EthernetFrame.Carrying(MacAddress.Broadcast, Mac1, ArpPacket.Request(Mac1, Ip1, Ip2)).ToArray();
        Assert.Equal(60, frame.Length);
        var s = PacketParser.Parse(frame);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.Arp, s.Layers);
        Assert.Equal(EtherType.Arp, s.EtherType);
        Assert.Equal(ArpOperation.Request, s.ArpOperation);
        Assert.Equal(Mac1, s.ArpSenderMac);
        Assert.Equal(Ip1, s.ArpSenderIp);
        Assert.Equal(MacAddress.Zero, s.ArpTargetMac);
        Assert.Equal(Ip2, s.ArpTargetIp);
        Assert.Equal(42, s.PayloadOffset);
        Assert.Equal(18, s.PayloadLength);
        Assert.Null(s.OuterVlan);

        // Every cut inside the ARP packet is refused; cuts in the padding parse the same.
        Bytes.AssertPrefixes(frame, 42, s);
    }

    [Fact]
    public void Record_parse_round_trips_and_ignores_padding()
    {
        var arp = new ArpPacket(ArpOperation.Reply, Mac2, Ip2, Mac1, Ip1);
        var bytes = arp.ToArray().Concat(new byte[18]).ToArray();
        Assert.Equal(arp, ArpPacket.Parse(bytes));
    }

    [Fact]
    public void Other_hardware_types_stop_the_summary_but_fail_the_record_parse()
    {
        var bytes = Bytes.FromHex(RequestHex);
        bytes[1] = 6; // IEEE 802 networks
        var frame = new EthernetFrame(Mac2, Mac1, EtherType.Arp, bytes).ToArray();
        Assert.Equal(PacketLayers.Ethernet, PacketParser.Parse(frame).Layers);
        var ex = Assert.Throws<PacketDecodeException>(() => ArpPacket.Parse(bytes));
        Assert.Contains("hardware type 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_address_lengths_are_malformed()
    {
        var bytes = Bytes.FromHex(RequestHex);
        bytes[4] = 8;
        var frame = new EthernetFrame(Mac2, Mac1, EtherType.Arp, bytes).ToArray();
        Assert.False(PacketParser.TryParse(frame, out _, out var error));
        Assert.Equal("ARP: Ethernet/IPv4 needs address lengths 6/4, packet says 8/4", error);
    }
}
