using System.Net;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class AddressTests
{
    [Theory]
    [InlineData("10.0.0.1", 0x0a000001u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xffffffffu)]
    [InlineData("192.168.1.254", 0xc0a801feu)]
    public void IPv4_text_round_trips(string text, uint value)
    {
        Assert.Equal(value, IPv4Address.Parse(text).Value);
        Assert.Equal(text, new IPv4Address(value).ToString());
        Assert.Equal(IPAddress.Parse(text), new IPv4Address(value).ToIPAddress());
        Assert.Equal(new IPv4Address(value), IPv4Address.FromIPAddress(IPAddress.Parse(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1000.1.1.1")]
    public void IPv4_rejects_bad_text(string text)
    {
        Assert.False(IPv4Address.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IPv4Address.Parse(text));
    }

    [Theory]
    [InlineData("fe80::1", true, false)]
    [InlineData("ff02::1:ff00:1", false, true)]
    [InlineData("2001:db8::abcd:1", false, false)]
    [InlineData("::", false, false)]
    public void IPv6_text_round_trips(string text, bool linkLocal, bool multicast)
    {
        var a = IPv6Address.Parse(text);
        Assert.Equal(text, a.ToString());
        Assert.Equal(linkLocal, a.IsLinkLocal);
        Assert.Equal(multicast, a.IsMulticast);
        Assert.Equal(IPAddress.Parse(text), a.ToIPAddress());
        var bytes = new byte[16];
        a.Write(bytes);
        Assert.Equal(IPAddress.Parse(text).GetAddressBytes(), bytes);
        Assert.Equal(a, IPv6Address.Read(bytes));
    }

    [Fact]
    public void IPv6_solicited_node_multicast_keeps_the_low_24_bits()
    {
        Assert.Equal(IPv6Address.Parse("ff02::1:ffab:cdef"), IPv6Address.Parse("2001:db8::12ab:cdef").SolicitedNodeMulticast);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("nope")]
    public void IPv6_rejects_bad_text(string text) => Assert.False(IPv6Address.TryParse(text, out _));

    [Fact]
    public void Wrong_family_conversions_throw()
    {
        Assert.Throws<ArgumentException>(() => IPv4Address.FromIPAddress(IPAddress.IPv6Loopback));
        Assert.Throws<ArgumentException>(() => IPv6Address.FromIPAddress(IPAddress.Loopback));
        Assert.Throws<ArgumentException>(() => IPv4Address.Read(new byte[3]));
        Assert.Throws<ArgumentException>(() => IPv6Address.Read(new byte[15]));
    }
}
