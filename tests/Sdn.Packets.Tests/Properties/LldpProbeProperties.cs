using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow;

namespace Sdn.Packets.Tests.Properties;

public class LldpProbeProperties
{
    [Fact]
    public void Every_dpid_and_port_round_trips_through_the_probe()
    {
        var gen = Gen.Zip(Gen.Zip(ArbMap.Default.GeneratorFor<ulong>(), ArbMap.Default.GeneratorFor<uint>()), ArbMap.Default.GeneratorFor<ushort>())
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(gen), t =>
        {
            var frame = LldpPacket.ForSwitchPort(new DatapathId(t.Item1), new PortNumber(t.Item2), new MacAddress(0x020000000001), t.Item3).ToArray();
            Assert.Equal(60, frame.Length);
            Assert.True(LldpPacket.TryParseSwitchPort(frame, out var dpid, out var port));
            Assert.Equal(t.Item1, dpid.Value);
            Assert.Equal(t.Item2, port.Value);
            Assert.Equal(t.Item3, LldpPacket.Parse(frame.AsMemory(14)).TtlSeconds);
        }));
    }
}
