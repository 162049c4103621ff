using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.Policies.Intents;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;

namespace Sdn.Controller.Northbound.Tests.Intents;

public class IntentValidatorTests
{
    internal static PathIntent Avoid(string a, string b, uint pa = 0, uint pb = 0, string src = "", string dst = "") => new()
    {
        Selector = new PairSelector { Src = src, Dst = dst },
        AvoidLink = new AvoidLink { A = new V1.SwitchPort { Dpid = a, Port = pa }, B = new V1.SwitchPort { Dpid = b, Port = pb } },
    };

    internal static PathIntent Via(string dpid, string src = "", string dst = "") => new()
    {
        Selector = new PairSelector { Src = src, Dst = dst },
        Waypoint = new Waypoint { Dpid = dpid },
    };

    internal static Policy WithIntents(string id, params PathIntent[] intents) => new() { Id = id, Intents = { intents } };

    private static string Refused(Policy policy) => Assert.Throws<PolicyValidationException>(() => PolicyValidator.Validate(policy)).Message;

    [Fact]
    public void A_policy_of_intents_alone_is_valid_and_compiles_both_kinds()
    {
        PolicyValidator.Validate(WithIntents("p", Avoid("1", "2")));
        var compiled = IntentValidator.Validate("p", [Avoid("0000000000000001", "0x2", 3, 0, src: "00:00:00:00:00:01"), Via("4", dst: "10.0.0.2")]);

        Assert.Equal(new DatapathId(1), compiled[0].Avoid!.Value.A);
        Assert.Equal(new PortNumber(3), compiled[0].Avoid!.Value.PortA);
        Assert.Null(compiled[0].Avoid!.Value.PortB);
        Assert.Equal(new MacAddress(1), compiled[0].Src.Mac);
        Assert.True(compiled[0].Dst.IsAny);
        Assert.Equal("policy p intents[0]", compiled[0].Source);
        Assert.Equal(new DatapathId(4), compiled[1].Waypoint);
        Assert.Equal("10.0.0.2", compiled[1].Dst.Ipv4.ToString());
        Assert.Null(compiled[1].Avoid);
    }

    [Fact]
    public void A_policy_with_neither_rules_nor_intents_is_refused() =>
        Assert.Equal("acl: a policy needs 1 to 256 rules (has 0) or at least one path intent", Refused(new Policy { Id = "empty" }));

    [Theory]
    [InlineData("xyz", "1", "intents[0].avoid_link.a.dpid: 'xyz' is not a datapath id (16 hex digits, 0x-prefixed hex, or decimal)")]
    [InlineData("1", "", "intents[0].avoid_link.b.dpid: '' is not a datapath id")]
    [InlineData("1", "0x0001", "intents[0].avoid_link: a and b are the same switch 0000000000000001; name the two switches of a link")]
    public void Bad_avoid_link_ends_name_the_field(string a, string b, string message) =>
        Assert.StartsWith(message, Refused(WithIntents("p", Avoid(a, b))));

    [Fact]
    public void Every_other_mistake_names_its_field()
    {
        Assert.Equal("intents[1]: set avoid_link or waypoint", Refused(WithIntents("p", Via("1"), new PathIntent())));
        Assert.Equal("intents[0].avoid_link: set both ends a and b", Refused(WithIntents("p", new PathIntent { AvoidLink = new AvoidLink { A = new V1.SwitchPort { Dpid = "1" } } })));
        Assert.StartsWith("intents[0].avoid_link.b.port: 4294967294 is a reserved OpenFlow port", Refused(WithIntents("p", Avoid("1", "2", 1, 0xfffffffe))));
        Assert.StartsWith("intents[0].waypoint.dpid: 'g' is not a datapath id", Refused(WithIntents("p", Via("g"))));
        Assert.Equal("intents[0].selector.src: '00:00:00:00:00:zz' is not a MAC address like 00:00:00:00:00:01", Refused(WithIntents("p", Via("1", src: "00:00:00:00:00:zz"))));
        Assert.StartsWith("intents[0].selector.dst: '10.0.0' is neither a MAC address", Refused(WithIntents("p", Via("1", dst: "10.0.0"))));
        Assert.StartsWith("intents[0].selector.one_way: needs src or dst", Refused(WithIntents("p", new PathIntent { Selector = new PairSelector { OneWay = true }, Waypoint = new Waypoint { Dpid = "1" } })));
        Assert.Equal("intents[2].waypoint: intents[0] already sends the same pairs through 0000000000000003; a pair crosses at most one waypoint",
            Refused(WithIntents("p", Via("3", src: "10.0.0.1"), Avoid("1", "2"), Via("4", src: "10.0.0.1"))));
        Assert.StartsWith("intents: at most 64 intents", Refused(WithIntents("p", [.. Enumerable.Range(0, 65).Select(_ => Via("1"))])));
    }
}
