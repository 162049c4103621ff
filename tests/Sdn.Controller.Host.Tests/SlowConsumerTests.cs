using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.V13;

namespace Sdn.Controller.Host.Tests;

/// <summary>A switch that stops reading must not hold controller resources forever, nor stall shutdown.</summary>
public sealed class SlowConsumerTests
{
    [Fact]
    public async Task Dropped_switch_that_never_reads_has_its_socket_released()
    {
        await using var controller = await TestController.StartAsync(["--Controller:WriteStallTimeoutSeconds=1", "--Controller:ShutdownTimeoutSeconds=1"]);
        var sw = await controller.ConnectReadyAsync(2);
        Assert.True(ControllerSideEstablished(controller.Port, sw)); // the probe sees live connections
        sw.PauseReceiving();
        var sending = FloodEchoAsync(sw, 4096);

        Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(sw.Dpid, out _), TimeSpan.FromSeconds(10)), "not dropped");
        var dropped = Stopwatch.StartNew();
        Assert.True(await TestController.EventuallyAsync(() => !ControllerSideEstablished(controller.Port, sw), TimeSpan.FromSeconds(6)),
            "the controller kept the dropped switch's socket established (blocked writing to a peer that never reads)");
        Assert.True(dropped.Elapsed < TimeSpan.FromSeconds(5), $"socket released only after {dropped.Elapsed}");
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shutdown_is_bounded_with_a_switch_that_never_reads()
    {
        await using var controller = await TestController.StartAsync(["--Controller:ShutdownTimeoutSeconds=1"]);
        var good = await controller.ConnectReadyAsync(1);
        var stuck = await controller.ConnectReadyAsync(2);
        Assert.True(ControllerSideEstablished(controller.Port, stuck));
        stuck.PauseReceiving();
        var sending = FloodEchoAsync(stuck, 1024); // 8 MiB of replies: more than the socket buffers, less than the queue
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        await controller.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"StopAsync took {clock.Elapsed}");
        Assert.True(await good.WaitForCloseAsync(TimeSpan.FromSeconds(2)));
        Assert.True(await TestController.EventuallyAsync(() => !ControllerSideEstablished(controller.Port, stuck), TimeSpan.FromSeconds(3)),
            "socket of the stuck switch still established after stop");
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Sends <paramref name="count"/> 8 KiB ECHO_REQUESTs in the background; write errors are expected once the controller drops the switch.</summary>
    private static Task FloodEchoAsync(EmulatedSwitch sw, int count)
    {
        var one = RawFrames.Message(4, (byte)MessageType13.EchoRequest, 0x0bad_0002, new byte[(8 * 1024) - 8]);
        var flood = new byte[one.Length * count];
        for (var i = 0; i < count; i++)
        {
            one.CopyTo(flood, i * one.Length);
        }

        return Task.Run(async () =>
        {
            try
            {
                await sw.SendRawAsync(flood);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
            }
        });
    }

    /// <summary>Whether the controller's end of <paramref name="sw"/>'s connection is still ESTABLISHED (loopback, from the OS table).</summary>
    private static bool ControllerSideEstablished(int controllerPort, EmulatedSwitch sw) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections().Any(c =>
            c.LocalEndPoint.Equals(new IPEndPoint(IPAddress.Loopback, controllerPort))
            && c.RemoteEndPoint.Equals(sw.LocalEndPoint)
            && c.State == TcpState.Established);
}
