using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Tests.Support;

namespace Sdn.OpenFlow.Tests.HotPath;

/// <summary>The allocation-free writers must produce exactly the bytes of the equivalent records.</summary>
public sealed class FlowRuleEncodingTests
{
    private static readonly Gen<FlowMatch> MatchGen =
        from inPort in OrNull(Gens.Port.Select(v => (PortNumber?)v))
        from dst in OrNull(Gens.Mac.Select(v => (MacAddress?)v))
        from src in OrNull(Gens.Mac.Select(v => (MacAddress?)v))
        from type in OrNull(Gens.U16.Select(v => (ushort?)v))
        from vid in OrNull(Gen.Choose(0, 4095).Select(v => (ushort?)v))
        from proto in OrNull(Gens.Byte.Select(v => (byte?)v))
        from ipSrc in OrNull(Gens.U32.Select(v => (uint?)v))
        from ipDst in OrNull(Gens.U32.Select(v => (uint?)v))
        select new FlowMatch { InPort = inPort, EthDst = dst, EthSrc = src, EthType = type, VlanVid = vid, IpProto = proto, Ipv4Src = ipSrc, Ipv4Dst = ipDst };

    private static readonly Gen<FlowRule> RuleGen =
        from match in MatchGen
        from output in OrNull(Gens.Port.Select(v => (PortNumber?)v))
        from command in Gen.Elements(Enum.GetValues<FlowModCommand>())
        from cookie in Gens.U64
        from mask in Gens.U64
        from priority in Gens.U16
        from idle in Gens.U16
        from hard in Gens.U16
        from buffer in Gens.BufferId
        from maxLen in Gens.U16
        select new FlowRule
        {
            Match = match, Output = output, Command = command, Cookie = cookie, CookieMask = mask, Priority = priority,
            IdleTimeout = idle, HardTimeout = hard, BufferId = buffer, OutputMaxLength = maxLen,
        };

    private static Gen<T?> OrNull<T>(Gen<T?> gen)
        where T : struct => Gen.Frequency((3, gen), (1, Gen.Constant<T?>(null)));

    [Fact]
    public void Flow_rule_bytes_equal_the_flow_mod_record_bytes()
    {
        RoundTrip.Check(Gens.Xid.SelectMany(x => RuleGen.Select(r => (x, r))), t =>
        {
            var expected = RoundTrip.Codec.Encode(t.r.ToFlowMod() with { Xid = t.x });
            var actual = new byte[RoundTrip.Codec.GetLength(t.r)];
            Assert.Equal(actual.Length, RoundTrip.Codec.Write(t.r, t.x, actual));
            Assert.Equal(expected, actual);
        }, 1000);
    }

    [Fact]
    public void Packet_out_spec_bytes_equal_the_packet_out_record_bytes()
    {
        var gen =
            from x in Gens.Xid
            from buffer in Gens.BufferId
            from inPort in Gens.Port
            from output in Gens.Port
            from data in Gens.Bytes(0, 200)
            from maxLen in Gens.U16
            select (x, buffer, inPort, output, data, maxLen);
        RoundTrip.Check(gen, t =>
        {
            var spec = new PacketOutSpec(t.buffer, t.inPort, t.output, t.data, t.maxLen);
            var expected = RoundTrip.Codec.Encode(spec.ToPacketOut() with { Xid = t.x });
            var actual = new byte[RoundTrip.Codec.GetLength(spec)];
            Assert.Equal(actual.Length, RoundTrip.Codec.Write(spec, t.x, actual));
            Assert.Equal(expected, actual);
        }, 500);
    }

    [Fact]
    public void L2_learning_flow_has_the_spec_layout()
    {
        // in_port=1, eth_dst=00:00:00:00:00:02, eth_src=00:00:00:00:00:01 → output:2 (max_len 0xffe5), priority 1.
        var rule = new FlowRule
        {
            Priority = 1,
            Match = new FlowMatch { InPort = new PortNumber(1), EthDst = MacAddress.Parse("00:00:00:00:00:02"), EthSrc = MacAddress.Parse("00:00:00:00:00:01") },
            Output = new PortNumber(2),
            OutputMaxLength = 0xffe5,
        };
        var bytes = new byte[RoundTrip.Codec.GetLength(rule)];
        RoundTrip.Codec.Write(rule, new Xid(7), bytes);

        var hex = Convert.ToHexString(bytes).ToLowerInvariant();
        // header: version 4, FLOW_MOD 14, length 0x68 (48 fixed + 32 match + 24 instruction), xid 7
        Assert.StartsWith("040e006800000007", hex);
        // match: type 1, length 4+8+10+10 = 32, in_port, eth_dst, eth_src, no padding needed
        Assert.Contains("00010020" + "80000004" + "00000001" + "80000606" + "000000000002" + "80000806" + "000000000001", hex);
        // apply-actions (type 4, length 24), output port 2 max_len 0xffe5
        Assert.EndsWith("0004001800000000" + "0000001000000002ffe5000000000000", hex);
    }
}
