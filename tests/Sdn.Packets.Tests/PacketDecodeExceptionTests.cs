using Sdn.Packets;

namespace Sdn.Packets.Tests;

public class PacketDecodeExceptionTests
{
    [Fact]
    public void Carries_message() => Assert.Equal("x", new PacketDecodeException("x").Message);
}
