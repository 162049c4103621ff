using Sdn.OpenFlow;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class EthernetTests
{
    private static readonly MacAddress A = MacAddress.Parse("02:00:00:00:00:0a");
    private static readonly MacAddress B = MacAddress.Parse("02:00:00:00:00:0b");

    [Fact]
    public void Untagged_frame_is_padded_to_60_bytes()
    {
        var bytes = new EthernetFrame(B, A, (EtherType)0x1234, new byte[] { 1, 2, 3 }).ToArray();
        Assert.Equal(Bytes.FromHex("02000000000b 02000000000a 1234 010203" + new string('0', 2 * 43)), bytes);
    }

    [Fact]
    public void Large_frame_is_not_padded()
    {
        var frame = new EthernetFrame(B, A, (EtherType)0x1234, new byte[100]);
        Assert.Equal(114, frame.Length);
        Assert.Equal(114, frame.ToArray().Length);
    }

    [Fact]
    public void Stacked_tags_are_written_and_read_in_order()
    {
        var frame = new EthernetFrame(B, A, EtherType.IPv4, new byte[50])
        {
            OuterTag = new VlanTag(100, 5, false, EtherType.QinQ),
            InnerTag = new VlanTag(4095, 0, true),
        };
        var bytes = frame.ToArray();
        Assert.Equal(Bytes.FromHex("02000000000b 02000000000a 88a8 a064 8100 1fff 0800"), bytes[..22]);

        var parsed = EthernetFrame.Parse(bytes);
        Assert.Equal(frame.OuterTag, parsed.OuterTag);
        Assert.Equal(frame.InnerTag, parsed.InnerTag);
        Assert.Equal(EtherType.IPv4, parsed.EtherType);
        Assert.Equal(22, parsed.HeaderLength);
        Assert.Equal(bytes, parsed.ToArray());
    }

    [Fact]
    public void Summary_of_stacked_unknown_type_stops_after_tags()
    {
        var bytes = new EthernetFrame(B, A, (EtherType)0x9000, new byte[10])
        {
            OuterTag = new VlanTag(7, 3), InnerTag = new VlanTag(8, 1),
        }.ToArray();
        var s = PacketParser.Parse(bytes);
        Assert.Equal(PacketLayers.Ethernet | PacketLayers.Vlan | PacketLayers.StackedVlan, s.Layers);
        Assert.Equal((ushort)7, s.OuterVlan!.Value.VlanId);
        Assert.Equal((byte)3, s.OuterVlan!.Value.Pcp);
        Assert.Equal((ushort)8, s.InnerVlan!.Value.VlanId);
        Assert.Equal((EtherType)0x9000, s.EtherType);
        Assert.Equal(B, s.EthDestination);
        Assert.Equal(A, s.EthSource);
        Assert.Equal(22, s.PayloadOffset);
        Assert.Equal(60 - 22, s.PayloadLength);
    }

    [Fact]
    public void Third_tag_is_left_as_the_ethertype()
    {
        var bytes = Bytes.FromHex("02000000000b 02000000000a 8100 0001 8100 0002 8100 0003 0800 45");
        var s = PacketParser.Parse(bytes);
        Assert.Equal(EtherType.Vlan, s.EtherType);
        Assert.Equal(22, s.PayloadOffset);
    }

    [Fact]
    public void Ieee_802_3_length_field_is_not_an_error()
    {
        var s = PacketParser.Parse(Bytes.FromHex("0180c2000000 02000000000a 0026 424203000000"));
        Assert.Equal((EtherType)0x26, s.EtherType);
        Assert.Equal(PacketLayers.Ethernet, s.Layers);
    }

    [Fact]
    public void Truncated_headers_are_refused()
    {
        var bytes = new EthernetFrame(B, A, (EtherType)0x9000, ReadOnlyMemory<byte>.Empty) { OuterTag = new VlanTag(7), InnerTag = new VlanTag(8) }.ToArray();
        var expected = PacketParser.Parse(bytes);
        Bytes.AssertPrefixes(bytes, 22, expected);
        Assert.Equal("Ethernet: 13 bytes, header needs 14", Assert.Throws<PacketDecodeException>(() => EthernetFrame.Parse(bytes[..13])).Message);
        Assert.Equal("802.1Q: 21 bytes, header needs 22", Assert.Throws<PacketDecodeException>(() => EthernetFrame.Parse(bytes[..21])).Message);
    }

    [Fact]
    public void Vlan_tag_validates_its_fields()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VlanTag(4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VlanTag(1, 8));
        var tag = VlanTag.FromTci(EtherType.Vlan, 0xf00a);
        Assert.Equal((7, true, (ushort)10), (tag.Pcp, tag.Dei, tag.VlanId));
        Assert.Equal(0xf00a, tag.Tci);
    }

    [Fact]
    public void Write_to_a_short_span_throws_argument_exception()
    {
        var frame = new EthernetFrame(B, A, EtherType.IPv4, new byte[1]);
        Assert.Throws<ArgumentException>(() => frame.WriteTo(new byte[59]));
        var big = new byte[70];
        frame.WriteTo(big);
        Assert.Equal(frame.ToArray(), big[..60]);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        frame.Write(writer);
        Assert.Equal(frame.ToArray(), writer.WrittenSpan.ToArray());
    }
}
