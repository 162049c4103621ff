using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.Tests.Support.V10;
using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.HotPath.V10;

/// <summary>
/// The OpenFlow 1.0 allocation-free writers produce exactly the bytes of the equivalent records (or the same
/// <see cref="OpenFlowEncodeException"/>), and the 1.0 PACKET_IN view agrees with the full decoder.
/// </summary>
public sealed class HotPath10Tests
{
    private static readonly OpenFlow10Codec Codec = OpenFlow10Codec.Instance;

    private static Gen<T?> OrNull<T>(Gen<T?> gen)
        where T : struct => Gen.Frequency((3, gen), (1, Gen.Constant<T?>(null)));

    /// <summary>Matches 1.0 can and cannot express (ports beyond 16 bits, VIDs above 4095, IP fields without 0x0800).</summary>
    private static readonly Gen<FlowMatch> MatchGen =
        from inPort in OrNull(Gen.Frequency((6, Gens10.Port), (1, Gens.Port)).Select(v => (PortNumber?)v))
        from dst in OrNull(Gens.Mac.Select(v => (MacAddress?)v))
        from src in OrNull(Gens.Mac.Select(v => (MacAddress?)v))
        from type in OrNull(Gen.Frequency((4, Gen.Constant<ushort>(0x0800)), (1, Gens.U16)).Select(v => (ushort?)v))
        from vid in OrNull(Gen.Frequency((8, Gen.Choose(0, 4095)), (1, Gen.Choose(4096, 0xffff))).Select(v => (ushort?)v))
        from proto in OrNull(Gens.Byte.Select(v => (byte?)v))
        from ipSrc in OrNull(Gens.U32.Select(v => (uint?)v))
        from ipDst in OrNull(Gens.U32.Select(v => (uint?)v))
        select new FlowMatch { InPort = inPort, EthDst = dst, EthSrc = src, EthType = type, VlanVid = vid, IpProto = proto, Ipv4Src = ipSrc, Ipv4Dst = ipDst };

    private static readonly Gen<FlowRule> RuleGen =
        from match in MatchGen
        from output in OrNull(Gen.Frequency((6, Gens10.Port), (1, Gens.Port)).Select(v => (PortNumber?)v))
        from command in Gen.Elements(Enum.GetValues<FlowModCommand>())
        from cookie in Gens.U64
        from mask in Gen.Frequency((6, Gen.Constant(0UL)), (1, Gens.U64))
        from table in Gen.Frequency((6, Gen.Constant((byte)0)), (2, Gen.Constant((byte)0xff)), (1, Gens.Byte))
        from priority in Gens.U16
        from timeouts in Gen.Zip(Gens.U16, Gens.U16)
        from buffer in Gens.BufferId
        from maxLen in Gens.U16
        from flags in Gen.Frequency((6, Gen.Elements(FlowModFlags.None, FlowModFlags.SendFlowRemoved)), (1, Gens.U16.Select(u => (FlowModFlags)u)))
        select new FlowRule
        {
            Match = match, Output = output, Command = command, Cookie = cookie, CookieMask = mask, TableId = table, Priority = priority,
            IdleTimeout = timeouts.Item1, HardTimeout = timeouts.Item2, BufferId = buffer, OutputMaxLength = maxLen, Flags = flags,
        };

    [Fact]
    public void Flow_rule_bytes_equal_the_flow_mod_record_bytes_or_both_are_rejected()
    {
        var written = 0;
        RoundTrip.Check(Gens.Xid.SelectMany(x => RuleGen.Select(r => (x, r))), t =>
        {
            byte[]? expected = null;
            try
            {
                expected = Codec.Encode(t.r.ToFlowMod() with { Xid = t.x });
            }
            catch (OpenFlowEncodeException)
            {
            }

            if (expected is null)
            {
                Assert.Throws<OpenFlowEncodeException>(() => Codec.GetLength(t.r));
                Assert.Throws<OpenFlowEncodeException>(() => Codec.Write(t.r, t.x, new byte[200]));
                return;
            }

            var actual = new byte[Codec.GetLength(t.r)];
            Assert.Equal(actual.Length, Codec.Write(t.r, t.x, actual));
            Assert.Equal(Hex.Format(expected), Hex.Format(actual));
            written++;
        }, 2000);
        Assert.True(written > 500, $"only {written} of 2000 rules were expressible: the generator is off");
    }

    [Fact]
    public void Packet_out_spec_bytes_equal_the_packet_out_record_bytes()
    {
        var gen =
            from x in Gens.Xid
            from buffer in Gens.BufferId
            from inPort in Gens10.Port
            from output in Gens10.Port
            from data in Gens.Bytes(0, 200)
            from maxLen in Gens.U16
            select (x, buffer, inPort, output, data, maxLen);
        RoundTrip.Check(gen, t =>
        {
            var spec = new PacketOutSpec(t.buffer, t.inPort, t.output, t.data, t.maxLen);
            var expected = Codec.Encode(spec.ToPacketOut() with { Xid = t.x });
            var actual = new byte[Codec.GetLength(spec)];
            Assert.Equal(actual.Length, Codec.Write(spec, t.x, actual));
            Assert.Equal(expected, actual);
        }, 500);
    }

    [Fact]
    public void Cbench_style_flow_mod_has_the_1_0_layout()
    {
        // in_port=1, dl_dst=00:00:00:00:00:02, dl_src=00:00:00:00:00:01 → output:2, buffer 0x100, priority 1.
        var rule = new FlowRule
        {
            Priority = 1,
            BufferId = new BufferId(0x100),
            Match = new FlowMatch { InPort = new PortNumber(1), EthDst = MacAddress.Parse("00:00:00:00:00:02"), EthSrc = MacAddress.Parse("00:00:00:00:00:01") },
            Output = new PortNumber(2),
            OutputMaxLength = 0,
        };
        var bytes = new byte[Codec.GetLength(rule)];
        Codec.Write(rule, new Xid(7), bytes);
        var hex = Hex.Format(bytes);
        Assert.Equal("010e005000000007", hex[..16]); // version 1, FLOW_MOD 14, length 80
        // wildcards: all but in_port, dl_src, dl_dst (OVS's form: nw counts 32) = 0x003820f2
        Assert.Equal("003820f2" + "0001" + "000000000001" + "000000000002", hex[16..(16 + 36)]);
        Assert.EndsWith("0000000000000000" + "0000" + "0000" + "0000" + "0001" + "00000100" + "ffff" + "0000" + "00000008" + "00020000", hex);
    }

    [Fact]
    public void View_fields_equal_the_decoded_record_for_generated_1_0_packet_ins()
    {
        RoundTrip.Check(Gens.WithXid(Gens10.PacketIn), m =>
        {
            var bytes = Codec.Encode(m);
            var record = (PacketIn)Codec.Decode(bytes);
            Assert.True(PacketInView.TryParse(bytes, OfpVersion.OpenFlow10, out var view), $"view refused {record}");
            Assert.Equal(OfpVersion.OpenFlow10, view.Version);
            Assert.Equal(record.Xid, view.Xid);
            Assert.Equal(record.BufferId, view.BufferId);
            Assert.Equal(record.TotalLength, view.TotalLength);
            Assert.Equal(record.Reason, view.Reason);
            Assert.Equal(0, view.TableId);
            Assert.Equal(0UL, view.Cookie);
            Assert.Equal(record.InPort, view.InPort);
            Assert.Equal(record.Data.ToArray(), view.Data.ToArray());
            Assert.Equal(record, view.ToMessage());
        }, 500);
    }

    [Fact]
    public void View_of_the_ovs_1_0_packet_in_vector()
    {
        var v = GoldenVector.Load("v10", "packet_in_arp");
        Assert.True(PacketInView.TryParse(v.Bytes, OfpVersion.OpenFlow10, out var view));
        Assert.Equal(new PortNumber(1), view.InPort);
        Assert.Equal(PacketInReason.Action, view.Reason);
        Assert.Equal(42, view.Data.Length);
        Assert.Equal(BufferId.NoBuffer, view.BufferId);

        // Refused: every truncation (header length rewritten), the wrong version, the wrong type.
        for (var n = OfpHeader.Size; n < 18; n++)
        {
            var cut = v.Bytes[..n];
            Hex.SetU16(cut, 2, n);
            Assert.False(PacketInView.TryParse(cut, OfpVersion.OpenFlow10, out _));
            Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(cut));
        }

        Assert.False(PacketInView.TryParse(v.Bytes, OfpVersion.OpenFlow13, out _));
        var other = (byte[])v.Bytes.Clone();
        other[1] = 13;
        Assert.False(PacketInView.TryParse(other, OfpVersion.OpenFlow10, out _));
    }
}
