using FsCheck.Fluent;
using Sdn.OpenFlow.Tests.Support;

namespace Sdn.OpenFlow.Tests.Unit;

public class ValueTypeTests
{
    [Fact]
    public void DatapathId_formats_as_16_lower_case_hex_digits()
    {
        Assert.Equal("0000000000000a01", new DatapathId(0xa01).ToString());
        Assert.Equal("ffffffffffffffff", new DatapathId(ulong.MaxValue).ToString());
        Assert.Equal("00000000deadbeef", $"{new DatapathId(0xdeadbeef)}");
        Span<char> buf = stackalloc char[16];
        Assert.True(new DatapathId(0x1234).TryFormat(buf, out var n, default, null));
        Assert.Equal("0000000000001234", new string(buf[..n]));
        Assert.False(new DatapathId(1).TryFormat(new char[15], out _, default, null));
    }

    [Theory]
    [InlineData("0000000000000a01", 0xa01UL)]
    [InlineData("a01", 0xa01UL)]
    [InlineData("0xA01", 0xa01UL)]
    [InlineData("00:00:00:00:00:00:0a:01", 0xa01UL)]
    [InlineData("FF:FF:FF:FF:FF:FF:FF:FF", ulong.MaxValue)]
    [InlineData("1", 1UL)]
    public void DatapathId_parses_hex_with_optional_prefix_and_colons(string text, ulong expected)
    {
        Assert.Equal(new DatapathId(expected), DatapathId.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("00000000000000001")] // 17 digits
    [InlineData("xyz")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("12 34")]
    public void DatapathId_rejects_bad_text(string text)
    {
        Assert.Throws<FormatException>(() => DatapathId.Parse(text));
    }

    [Fact]
    public void DatapathId_parse_of_format_round_trips()
    {
        RoundTrip.Check(Gens.U64, v =>
        {
            var dpid = new DatapathId(v);
            Assert.Equal(dpid, DatapathId.Parse(dpid.ToString()));
            Assert.Equal(dpid, DatapathId.Parse("0x" + dpid));
            var colons = string.Join(":", Enumerable.Range(0, 8).Select(i => dpid.ToString().Substring(i * 2, 2)));
            Assert.Equal(dpid, DatapathId.Parse(colons));
        }, 300);
    }

    [Fact]
    public void MacAddress_formats_parses_reads_and_writes()
    {
        var mac = MacAddress.Parse("00:11:22:33:44:55");
        Assert.Equal(0x001122334455UL, mac.Value);
        Assert.Equal("00:11:22:33:44:55", mac.ToString());
        Assert.Equal(mac, MacAddress.Parse("00-11-22-33-44-55"));
        Assert.Equal(new MacAddress(0xaabbccddeeff), MacAddress.Parse("AA:BB:CC:DD:EE:FF"));
        Assert.Equal("ff:ff:ff:ff:ff:ff", MacAddress.Broadcast.ToString());
        Assert.Equal("00:00:00:00:00:00", MacAddress.Zero.ToString());

        var bytes = new byte[8];
        mac.Write(bytes.AsSpan(1));
        Assert.Equal(Hex.Parse("00 00 11 22 33 44 55 00"), bytes);
        Assert.Equal(mac, MacAddress.Read(bytes.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => MacAddress.Read(new byte[5]));
        Assert.Throws<ArgumentException>(() => mac.Write(new byte[5]));
    }

    [Fact]
    public void MacAddress_keeps_only_48_bits_and_knows_multicast()
    {
        Assert.Equal(new MacAddress(0x0000_1122_3344_5566), new MacAddress(0xffff_1122_3344_5566));
        Assert.True(MacAddress.Broadcast.IsMulticast);
        Assert.True(MacAddress.Parse("01:00:5e:00:00:01").IsMulticast);
        Assert.True(MacAddress.Parse("33:33:00:00:00:01").IsMulticast);
        Assert.False(MacAddress.Parse("00:11:22:33:44:55").IsMulticast);
        Assert.False(MacAddress.Parse("02:00:00:00:00:01").IsMulticast);
    }

    [Theory]
    [InlineData("00:11:22:33:44")]
    [InlineData("00:11:22:33:44:55:66")]
    [InlineData("00:11:22:33:44:5g")]
    [InlineData("00:11:22:33:44:555")]
    [InlineData("00:11:22:33::55")]
    [InlineData("")]
    public void MacAddress_rejects_bad_text(string text)
    {
        Assert.Throws<FormatException>(() => MacAddress.Parse(text));
    }

    [Fact]
    public void MacAddress_parse_of_format_round_trips()
    {
        RoundTrip.Check(Gens.Mac, mac =>
        {
            Assert.Equal(mac, MacAddress.Parse(mac.ToString()));
            Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", mac.ToString());
            var bytes = new byte[6];
            mac.Write(bytes);
            Assert.Equal(mac, MacAddress.Read(bytes));
        }, 300);
    }

    [Theory]
    [InlineData(0xfffffff8u, "IN_PORT")]
    [InlineData(0xfffffff9u, "TABLE")]
    [InlineData(0xfffffffau, "NORMAL")]
    [InlineData(0xfffffffbu, "FLOOD")]
    [InlineData(0xfffffffcu, "ALL")]
    [InlineData(0xfffffffdu, "CONTROLLER")]
    [InlineData(0xfffffffeu, "LOCAL")]
    [InlineData(0xffffffffu, "ANY")]
    [InlineData(1u, "1")]
    [InlineData(0xffffff00u, "4294967040")]
    [InlineData(0xfffffff7u, "4294967287")]
    public void PortNumber_prints_reserved_names(uint value, string expected)
    {
        Assert.Equal(expected, new PortNumber(value).ToString());
    }

    [Fact]
    public void PortNumber_reserved_constants_have_spec_values()
    {
        // OpenFlow 1.3.5 §7.2.1 enum ofp_port_no.
        Assert.Equal(0xffffff00u, PortNumber.Max.Value);
        Assert.Equal(0xfffffff8u, PortNumber.InPort.Value);
        Assert.Equal(0xfffffff9u, PortNumber.Table.Value);
        Assert.Equal(0xfffffffau, PortNumber.Normal.Value);
        Assert.Equal(0xfffffffbu, PortNumber.Flood.Value);
        Assert.Equal(0xfffffffcu, PortNumber.All.Value);
        Assert.Equal(0xfffffffdu, PortNumber.Controller.Value);
        Assert.Equal(0xfffffffeu, PortNumber.Local.Value);
        Assert.Equal(0xffffffffu, PortNumber.Any.Value);
        Assert.True(new PortNumber(1).IsPhysical);
        Assert.True(PortNumber.Max.IsPhysical);
        Assert.False(new PortNumber(0).IsPhysical);
        Assert.All(Gens.ReservedPorts, p => Assert.False(p.IsPhysical));
    }

    [Fact]
    public void Other_ids_print_like_ovs_ofctl()
    {
        Assert.Equal("NO_BUFFER", BufferId.NoBuffer.ToString());
        Assert.False(BufferId.NoBuffer.IsBuffered);
        Assert.Equal("0x100", new BufferId(0x100).ToString());
        Assert.True(new BufferId(0).IsBuffered);
        Assert.Equal("ALL", GroupId.All.ToString());
        Assert.Equal("ANY", GroupId.Any.ToString());
        Assert.Equal("7", new GroupId(7).ToString());
        Assert.Equal("0x0000002a", new Xid(42).ToString());
    }

    [Fact]
    public void ValueArray_compares_by_content_and_default_is_empty()
    {
        ValueArray<byte> a = [1, 2, 3];
        ValueArray<byte> b = new byte[] { 1, 2, 3 };
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, (ValueArray<byte>)new byte[] { 1, 2 });
        Assert.NotEqual(a, (ValueArray<byte>)new byte[] { 1, 2, 4 });
        Assert.Equal(default(ValueArray<byte>), ValueArray<byte>.Empty);
        Assert.Equal(default, (ValueArray<byte>)Array.Empty<byte>());
        Assert.Empty(default(ValueArray<int>));
        Assert.Equal("010203", a.ToString());
        Assert.Equal("[1, 2]", ((ValueArray<int>)new[] { 1, 2 }).ToString());

        // A copy is taken: mutating the source does not change the value.
        var src = new byte[] { 9 };
        ValueArray<byte> c = src;
        src[0] = 8;
        Assert.Equal(9, c[0]);
    }
}
