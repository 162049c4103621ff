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

    /// <summary>The example of the ALLOW exception: deny 10.0.0.0/24 → 10.0.0.2 at 10, allow TCP to port 22 at 20.</summary>
    internal static Policy DenyWithSshException(string id) => new()
    {
        Id = id,
        Acl =
        {
            new AclRule { Action = AclAction.Deny, Priority = 10, Match = new AclMatch { Ipv4Src = "10.0.0.0/24", Ipv4Dst = "10.0.0.2" } },
            new AclRule { Action = AclAction.Allow, Priority = 20, Match = new AclMatch { Ipv4Dst = "10.0.0.2", IpProto = 6, TpDst = 22 } },
        },
    };

    internal static AclRule Rule(AclAction action, uint priority, AclMatch match) => new() { Action = action, Priority = priority, Match = match };

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
    public void Unspecified_actions_and_out_of_range_priorities_are_refused()
    {
        var unspecified = Deny("p", new AclMatch { EthSrc = "00:00:00:00:00:01" });
        unspecified.Acl[0].Action = AclAction.Unspecified;
        Assert.Contains("acl[0].action: must be DENY or ALLOW", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(unspecified)).Message);
        unspecified.Acl[0].Action = (AclAction)7;
        Assert.Contains("acl[0].action: must be DENY or ALLOW", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(unspecified)).Message);
        Assert.Contains("priority: must be 1-1000", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(Deny("p", new AclMatch { EthSrc = "00:00:00:00:00:01" }, 0))).Message);
        Assert.Contains("acl: a policy needs 1 to 256 rules", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(new Policy { Id = "empty" })).Message);
    }

    [Fact]
    public void Allow_rules_are_accepted_with_their_action_priority_and_match()
    {
        var p = PolicyValidator.Validate(DenyWithSshException("ssh"));
        Assert.Equal([AclAction.Deny, AclAction.Allow], p.Rules.Select(r => r.Action));
        Assert.Equal([(ushort)1010, (ushort)1020], p.Rules.Select(r => r.Priority));
        Assert.True(p.Rules[1].Allows);
        Assert.Equal("eth_type=0x0800,ip_proto=6,ipv4_dst=10.0.0.2,tp_dst=22", p.Rules[1].Text);
    }

    [Fact]
    public void An_allow_with_nothing_below_it_is_legal_and_only_an_allow_may_match_everything()
    {
        var lone = new Policy { Id = "lone", Acl = { Rule(AclAction.Allow, 5, new AclMatch { IpProto = 1 }) } };
        Assert.True(Assert.Single(PolicyValidator.Validate(lone).Rules).Allows);
        var any = new Policy { Id = "any", Acl = { Rule(AclAction.Allow, 5, new AclMatch()) } };
        var rule = Assert.Single(PolicyValidator.Validate(any).Rules);
        Assert.Empty(rule.Match.Fields);
        Assert.Equal("", rule.Text);
        Assert.Contains("set at least one field", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(Deny("all", new AclMatch()))).Message);
    }

    [Fact]
    public void Overlapping_deny_and_allow_at_the_same_priority_are_contradictory()
    {
        var clash = new Policy
        {
            Id = "clash",
            Acl =
            {
                Rule(AclAction.Deny, 10, new AclMatch { Ipv4Src = "10.0.0.0/24" }),
                Rule(AclAction.Allow, 10, new AclMatch { Ipv4Src = "10.0.0.7", IpProto = 1 }),
            },
        };
        var message = Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(clash)).Message;
        Assert.StartsWith("acl[1]: ALLOW overlaps DENY acl[0] at the same priority 10 (contradictory", message);

        clash.Acl[1].Priority = 11; // the exception above the rule: legal
        Assert.Equal(2, PolicyValidator.Validate(clash).Rules.Count);
        clash.Acl[1].Priority = 10;
        clash.Acl[1].Match = new AclMatch { Ipv4Src = "10.0.1.0/24" }; // same priority, disjoint prefixes: no packet matches both
        Assert.Equal(2, PolicyValidator.Validate(clash).Rules.Count);
    }

    [Fact]
    public void The_same_match_and_priority_twice_is_refused()
    {
        var twice = new Policy
        {
            Id = "twice",
            Acl = { Rule(AclAction.Deny, 3, new AclMatch { EthSrc = "00:00:00:00:00:01" }), Rule(AclAction.Deny, 3, new AclMatch { EthSrc = "00:00:00:00:00:01" }) },
        };
        Assert.StartsWith("acl[1]: same match and priority 3 as acl[0]", Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(twice)).Message);
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.9", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0/24", false)]
    [InlineData("10.0.0.0/8", "10.200.0.0/16", true)]
    [InlineData("0.0.0.0/0", "192.168.1.1", true)]
    public void Prefixes_overlap_when_one_contains_the_other(string a, string b, bool overlap)
    {
        var ma = PolicyValidator.MatchOf(new AclMatch { Ipv4Src = a }, "a").Match;
        var mb = PolicyValidator.MatchOf(new AclMatch { Ipv4Src = b, IpProto = 6 }, "b").Match;
        Assert.Equal(overlap, AclConflicts.Overlap(ma, mb));
        Assert.Equal(overlap, AclConflicts.Overlap(mb, ma));
        Assert.False(AclConflicts.Overlap(mb, PolicyValidator.MatchOf(new AclMatch { IpProto = 17 }, "c").Match)); // TCP vs UDP
    }

    [Fact]
    public void Flow_text_shows_goto_table_and_drop()
    {
        Assert.Equal("goto_table:1", Sdn.Controller.Northbound.Flows.FlowText.Of([new Sdn.OpenFlow.Instructions.GotoTableInstruction(1)]));
        Assert.Equal("drop", Sdn.Controller.Northbound.Flows.FlowText.Of([]));
    }
}
