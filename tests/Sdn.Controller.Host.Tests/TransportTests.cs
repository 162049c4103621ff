using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.Controller.Host.Transport;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary>The transport set-up the host makes by default: 64 KiB pipe blocks, inline scheduling, and fairness under it.</summary>
[Collection(OneCore.Collection)]
public sealed class TransportTests
{
    [Fact]
    public async Task By_default_Kestrel_takes_its_pipe_memory_from_the_64_KiB_pool()
    {
        await using var controller = await TestController.StartAsync();
        await controller.ConnectReadyAsync(1);
        var factory = Assert.IsType<LargeBlockMemoryPoolFactory>(controller.App.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        Assert.Equal(65536, factory.BlockSize);
        Assert.True(factory.PoolsCreated >= 1, "the socket transport never asked the factory for a pool");
    }

    [Fact]
    public async Task TransportBlockSize_0_keeps_Kestrels_own_pool()
    {
        await using var controller = await TestController.StartAsync(["--Controller:TransportBlockSize=0"]);
        await controller.ConnectReadyAsync(1);
        Assert.IsNotType<LargeBlockMemoryPoolFactory>(controller.App.Services.GetService<IMemoryPoolFactory<byte>>());
    }

    [Fact]
    public void This_process_runs_with_inline_socket_completions()
    {
        // host-tests.runsettings sets the variable for the test host; the controller's start-up log reports the same value.
        Assert.True(SocketEngine.InlineCompletionsActive);
    }

    /// <summary>
    /// A switch that keeps its socket full must not keep the connection thread (and, pinned, the core) to itself:
    /// a second switch's PACKET_IN is handled while the first one's stream is still being worked through. Watched
    /// in the L2Learning tables (each busy PACKET_IN has a new source MAC) by a dedicated thread, not through the
    /// emulated switches' receive loops, which share the pinned core. An end-to-end check against gross starvation:
    /// here the emulated switch reads its answers slower than the benchmark's generator, so the controller's flushes
    /// wait and the loop yields even without a budget; <c>FairnessBudgetTests</c> covers when the loop yields.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_switch_flooding_packet_ins_does_not_starve_another(bool inline)
    {
        using var oneCore = OneCore.Pin(); // as in the benchmark: the starvation showed with the controller on one core
        await using var controller = await TestController.StartAsync([$"--Controller:InlineScheduling={inline}"]);
        var l2 = controller.App.Services.GetRequiredService<AppDispatcher>().Apps.OfType<L2LearningApp>().Single();
        var busy = await controller.ConnectReadyAsync(1);
        var quiet = await controller.ConnectReadyAsync(2);
        const int count = 300_000;
        var stream = PacketInStream(busy, count);
        var flooding = Task.Run(async () =>
        {
            for (var offset = 0; offset < stream.Length; offset += 64 * 1024)
            {
                await busy.SendRawAsync(stream.AsMemory(offset, Math.Min(64 * 1024, stream.Length - offset)));
            }
        });

        Assert.True(Watch(() => l2.TableOf(busy.Dpid)?.Count > 2_000), "the busy switch's PACKET_INs were not handled");
        await quiet.SendAsync(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, Frames.H2), quiet.NextXid()));
        var busyLearned = 0;
        Assert.True(Watch(() =>
        {
            busyLearned = l2.TableOf(busy.Dpid)?.Count ?? 0;
            return l2.TableOf(quiet.Dpid)?.Count > 0;
        }), "the quiet switch's PACKET_IN was never handled");
        Assert.True(busyLearned < count, $"the quiet switch's PACKET_IN was handled only after all {count} of the busy one");
        await flooding.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Polls <paramref name="condition"/> on its own thread (the thread pool may be busy) for up to 60 s.</summary>
    private static bool Watch(Func<bool> condition)
    {
        var ok = false;
        var watcher = new Thread(() =>
        {
            var until = Environment.TickCount64 + 60_000;
            while (!(ok = condition()) && Environment.TickCount64 < until)
            {
                Thread.Sleep(1);
            }
        });
        watcher.Start();
        watcher.Join();
        return ok;
    }

    /// <summary>
    /// <paramref name="count"/> unbuffered broadcast PACKET_INs from in_port 1, each from a new source MAC (each is
    /// learned and flooded), encoded back to back.
    /// </summary>
    private static byte[] PacketInStream(EmulatedSwitch sw, int count)
    {
        var one = sw.Codec.Encode(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, new MacAddress(0x0200_0000_0000UL)), new Xid(1)));
        var srcOffset = one.Length - Frames.Ethernet(MacAddress.Broadcast, Frames.H1).Length + 6;
        var all = new byte[one.Length * count];
        for (var i = 0; i < count; i++)
        {
            var m = all.AsSpan(i * one.Length, one.Length);
            one.CopyTo(m);
            new MacAddress(0x0200_0000_0000UL + (ulong)i).Write(m[srcOffset..]);
        }

        return all;
    }
}
