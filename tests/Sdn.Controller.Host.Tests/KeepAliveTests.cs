using System.Diagnostics;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary>Echo keep-alive (OpenFlow 1.3.5 §6.3.2) with a 0.5 s interval and 2 allowed misses.</summary>
public sealed class KeepAliveTests
{
    private static readonly string[] FastEcho = ["--Controller:EchoIntervalSeconds=0.5", "--Controller:EchoMissLimit=2"];

    [Fact]
    public async Task Silent_switch_is_disconnected_in_bounded_time_and_an_answering_one_stays()
    {
        await using var controller = await TestController.StartAsync(FastEcho);
        var silent = await controller.ConnectAsync(1);
        silent.AnswerEcho = false;
        var alive = await controller.ConnectAsync(2);
        await silent.WaitForAsync<Sdn.OpenFlow.Messages.FlowMod>(TestController.IsAppTableMiss);
        await alive.WaitForAsync<Sdn.OpenFlow.Messages.FlowMod>(TestController.IsAppTableMiss);
        var ready = Stopwatch.GetTimestamp();

        Assert.True(await silent.WaitForCloseAsync(TimeSpan.FromSeconds(4)), "silent switch not disconnected: " + silent.Describe());
        var after = Stopwatch.GetElapsedTime(ready, silent.ClosedAtTimestamp);
        // 2 probes 0.5 s apart, dead at the third interval: ~1.5 s (+ one 250 ms tick).
        Assert.InRange(after, TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(3.0));
        var probes = silent.ReceivedOf<EchoRequest>();
        Assert.Equal(2, probes.Count);
        Assert.NotEqual(probes[0].Xid, probes[1].Xid);
        Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(silent.Dpid, out _)));

        // The answering switch stays connected past that, having been probed and answered.
        var remaining = TimeSpan.FromSeconds(3.5) - Stopwatch.GetElapsedTime(ready);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        Assert.False(alive.IsClosed, "answering switch was disconnected: " + alive.Describe());
        Assert.True(alive.ReceivedOf<EchoRequest>().Count >= 3, "answering switch was not probed: " + alive.Describe());
        Assert.True(controller.Registry.TryGet(alive.Dpid, out _));
        await alive.EchoAsync();
    }

    [Fact]
    public async Task Any_traffic_from_the_switch_counts_as_alive()
    {
        // Idle interval 1.5 s against traffic every 200 ms: a probe would need a 1.3 s stall of this test on a busy
        // machine (0.5 s was too tight next to a parallel build).
        await using var controller = await TestController.StartAsync(["--Controller:EchoIntervalSeconds=1.5", "--Controller:EchoMissLimit=2"]);
        var sw = await controller.ConnectReadyAsync(3);
        sw.AnswerEcho = false;

        // Chatty but never answering probes: its own echo requests every 200 ms keep it alive for 4 s (over two intervals).
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(4))
        {
            await sw.EchoAsync();
            await Task.Delay(200);
        }

        Assert.False(sw.IsClosed, sw.Describe());
        Assert.Empty(sw.ReceivedOf<EchoRequest>());
    }

    /// <remarks>
    /// Before the peer's HELLO no version is agreed, so an OpenFlow 1.3 ECHO_REQUEST may not be understood; the
    /// handshake timeout, not keep-alive, bounds that phase.
    /// </remarks>
    [Fact]
    public async Task No_echo_probe_before_the_handshake_completes()
    {
        await using var controller = await TestController.StartAsync([.. FastEcho, "--Controller:HandshakeTimeoutSeconds=2.5"]);
        var start = Stopwatch.GetTimestamp();
        var peer = await controller.ConnectAsync(9, sendHello: false);
        peer.AnswerEcho = false;

        Assert.True(await peer.WaitForCloseAsync(TimeSpan.FromSeconds(5)), peer.Describe());
        Assert.IsType<Hello>(Assert.Single(peer.Received).Message);
        Assert.InRange(Stopwatch.GetElapsedTime(start, peer.ClosedAtTimestamp), TimeSpan.FromSeconds(2.3), TimeSpan.FromSeconds(4.5));
    }
}
