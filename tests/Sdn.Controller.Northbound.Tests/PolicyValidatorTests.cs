using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Northbound.Tests;

public class PolicyValidatorTests
{
    internal static Policy Deny(string id, AclMatch match, uint priority = 10) => new()
    {
        Id = id,
        Acl = { new AclRule { Action = AclAction.Deny, Priority = priority, Match = match } },
    };

    [Fact]
    public void Deny_between_two_macs_becomes_a_drop_match_above_forwarding()
    {
        var p = PolicyValidator.Validate(Deny("h1-h2", new AclMatch { EthSrc = "00:00:00:00:00:01", EthDst = "00:00:00:00:00:02" }));
        var rule = Assert.Single(p.Rules);
        Assert.Equal((ushort)1010, rule.Priority);
        Assert.Equal(new Match([OxmField.EthSrc(new MacAddress(1)), OxmField.EthDst(new MacAddress(2))]), rule.Match);
        Assert.Equal("eth_src=00:00:00:00:00:01,eth_dst=00:00:00:00:00:02", rule.Text);
    }

    [Fact]
    public void Ipv4_prefix_and_tcp_port_get_their_prerequisites()
    {
        var p = PolicyValidator.Validate(Deny("web", new AclMatch { Ipv4Dst = "10.0.0.0/24", IpProto = 6, TpDst = 80 }));
        var fields = Assert.Single(p.Rules).Match.Fields;
        Assert.Equal([OxmBasicField.EthType, OxmBasicField.IpProto, OxmBasicField.Ipv4Dst, OxmBasicField.TcpDst], fields.Select(f => f.BasicField));
        Assert.Equal(0x0800UL, fields[0].ValueAsUInt64());
        Assert.Equal(0xffffff00UL, fields[2].MaskAsUInt64());
    }

    [Theory]
    [InlineData("", "id: '' must be 1-64 characters")]
    [InlineData("bad id", "id: 'bad id' must be 1-64 characters")]
    public void Bad_ids_are_refused(string id, string message) =>
        Assert.StartsWith(message, Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(Deny(id, new AclMatch { EthSrc = "00:00:00:00:00:01" }))).Message);

    public static TheoryData<AclMatch, string> BadMatches => new()
    {
        { new AclMatch(), "acl[0].match: set at least one field" },
        { new AclMatch { EthSrc = "zz" }, "acl[0].match.eth_src: 'zz' is not a MAC address" },
        { new AclMatch { Ipv4Src = "10.0.0.300" }, "acl[0].match.ipv4_src: '10.0.0.300' is not an IPv4 address or prefix" },
        { new AclMatch { Ipv4Src = "10.0.0.1/24" }, "acl[0].match.ipv4_src: '10.0.0.1/24' has host bits set" },
        { new AclMatch { Ipv4Src = "10.0.0.0/33" }, "acl[0].match.ipv4_src: prefix length" },
        { new AclMatch { EthType = 0x0806, Ipv4Dst = "10.0.0.1" }, "acl[0].match: IPv4 fields need eth_type 0x0800 but eth_type is 0x0806 (contradictory match)" },
        { new AclMatch { TpDst = 80 }, "acl[0].match.tp_dst: a port needs ip_proto 6 (TCP) or 17 (UDP)" },
        { new AclMatch { IpProto = 6, TpDst = 70000 }, "acl[0].match.tp_dst: 70000 is not a port" },
        { new AclMatch { EthType = 0x10000 }, "acl[0].match.eth_type: 65536 is not a 16-bit EtherType" },
    };

    [Theory]
    [MemberData(nameof(BadMatches))]
    public void Bad_matches_are_refused_with_the_field_named(AclMatch match, string message) =>
        Assert.StartsWith(message, Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(Deny("p", match))).Message);

    [Fact]
    public void Allow_unspecified_and_out_of_range_priorities_are_refused()
    {
        var allow = Deny("p", new AclMatch { EthSrc = "00:00:00:00:00:01" });
        allow.Acl[0].Action = AclAction.Allow;
        Assert.Contains("ALLOW is not supported", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(allow)).Message);
        allow.Acl[0].Action = AclAction.Unspecified;
        Assert.Contains("must be DENY", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(allow)).Message);
        Assert.Contains("priority: must be 1-1000", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(Deny("p", new AclMatch { EthSrc = "00:00:00:00:00:01" }, 0))).Message);
        Assert.Contains("acl: a policy needs 1 to 256 rules", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(new Policy { Id = "empty" })).Message);
    }
}
