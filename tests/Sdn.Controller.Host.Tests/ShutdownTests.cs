using System.Diagnostics;
using Sdn.Controller.Host.Tests.Infrastructure;

namespace Sdn.Controller.Host.Tests;

/// <summary>Graceful shutdown closes every switch connection promptly.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_with_three_switches_is_quick_and_closes_every_socket()
    {
        await using var controller = await TestController.StartAsync();
        var switches = new[]
        {
            await controller.ConnectReadyAsync(1),
            await controller.ConnectReadyAsync(2),
            await controller.ConnectReadyAsync(3),
        };
        var notReady = await controller.ConnectAsync(4, sendHello: false); // mid-handshake connections close too

        var clock = Stopwatch.StartNew();
        await controller.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"StopAsync took {clock.Elapsed}");

        foreach (var sw in switches.Append(notReady))
        {
            Assert.True(await sw.WaitForCloseAsync(TimeSpan.FromSeconds(2)), "socket still open after stop: " + sw.Describe());
        }

        Assert.Equal(0, controller.Registry.Count);
    }
}
