using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Unit;

public class AllocationTests
{
    /// <summary>The packet-in path: parsing a whole frame (and reading an LLDP probe) allocates nothing.</summary>
    [Fact]
    public void Parsing_allocates_nothing()
    {
        var frames = SampleFrames.All;
        var layers = PacketLayers.None;
        foreach (var f in frames)
        {
            PacketParser.TryParse(f, out _); // warm up
            LldpPacket.TryParseSwitchPort(f, out _, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var f in frames)
            {
                Assert.True(PacketParser.TryParse(f, out var s));
                layers |= s.Layers;
                LldpPacket.TryParseSwitchPort(f, out _, out _);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True((layers & (PacketLayers.Arp | PacketLayers.Udp | PacketLayers.Lldp | PacketLayers.NeighborDiscovery)) != 0);
    }
}
