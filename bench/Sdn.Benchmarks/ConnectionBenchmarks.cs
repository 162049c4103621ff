using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Channel;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Wire;

namespace Sdn.Benchmarks;

/// <summary>
/// A real <see cref="SwitchConnection"/> (made by <see cref="SwitchConnectionFactory"/>, running L2Learning through the
/// real <see cref="AppDispatcher"/>) over in-memory <see cref="Pipe"/>s, after a full 1.3 handshake and with host B
/// learned. Each invocation writes N buffered A → B PACKET_INs into the input pipe in one flush and reads the output
/// pipe until N responses (FLOW_MODs) have arrived; the time shown is per packet-in. N = 1 is a round trip (latency,
/// thread hops included); larger N shows what batching of reads, writes and flushes buys.
/// Pipes use their defaults (thread-pool scheduling, 4 KiB segments), not Kestrel's socket transport.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class ConnectionBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private ServiceProvider _services = null!;
    private Pipe _toController = null!;
    private Pipe _fromController = null!;
    private CancellationTokenSource _stop = null!;
    private Task _run = null!;
    private byte[] _batch1 = [];
    private byte[] _batch16 = [];
    private byte[] _batch256 = [];
    private byte[] _batch4096 = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = new ControllerOptions { Apps = [L2LearningApp.AppName], EchoEnabled = false }.ApplyDefaults();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        services.AddBuiltInApps();
        services.AddSingleton<AppDispatcher>();
        services.AddSingleton<SwitchRegistry>();
        services.AddSingleton<SwitchConnectionFactory>();
        _services = services.BuildServiceProvider();

        // Input like Kestrel's default (1 MiB before the transport stops reading); output with the Pipe default (64 KiB).
        _toController = new Pipe(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024));
        _fromController = new Pipe();
        _stop = new CancellationTokenSource();
        var connection = _services.GetRequiredService<SwitchConnectionFactory>()
            .Create("bench", new IPEndPoint(IPAddress.Loopback, 50000), _toController.Reader, _fromController.Writer);
        _run = Task.Run(() => connection.RunAsync(_stop.Token));

        HandshakeAsync().GetAwaiter().GetResult();
        if (connection.State != HandshakeState.Ready)
        {
            throw new InvalidOperationException($"handshake ended in {connection.State}: {connection.CloseReason}");
        }

        // Learn B on port 2: B → A is flooded with a PACKET_OUT.
        SendAsync(Frames.PacketIn(Frames.HostB, Frames.HostA, 2, xid: 100)).GetAwaiter().GetResult();
        Expect<PacketOut>(ReceiveAsync().GetAwaiter().GetResult());

        var one = Frames.Encode(Frames.PacketIn(Frames.HostA, Frames.HostB, 1, bufferId: 0x100, xid: 101));
        _batch1 = Repeat(one, 1);
        _batch16 = Repeat(one, 16);
        _batch256 = Repeat(one, 256);
        _batch4096 = Repeat(one, 4096);

        // One round to check that each packet-in gives exactly one FLOW_MOD carrying the buffer id.
        _toController.Writer.WriteAsync(_batch1).AsTask().GetAwaiter().GetResult();
        Expect<FlowMod>(ReceiveAsync().GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _run.Wait(Timeout);
        _toController.Writer.Complete();
        _fromController.Reader.Complete();
        _stop.Dispose();
        _services.Dispose();
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public Task PacketIns_1() => RoundAsync(_batch1, 1);

    [Benchmark(OperationsPerInvoke = 16)]
    public Task PacketIns_16() => RoundAsync(_batch16, 16);

    [Benchmark(OperationsPerInvoke = 256)]
    public Task PacketIns_256() => RoundAsync(_batch256, 256);

    [Benchmark(OperationsPerInvoke = 4096)]
    public Task PacketIns_4096() => RoundAsync(_batch4096, 4096);

    private async Task RoundAsync(byte[] batch, int count)
    {
        var write = _toController.Writer.WriteAsync(batch);
        await CountResponsesAsync(count).ConfigureAwait(false);
        await write.ConfigureAwait(false);
    }

    /// <summary>Reads the output pipe until <paramref name="count"/> whole messages have been consumed (framed, not decoded).</summary>
    private async Task CountResponsesAsync(int count)
    {
        var reader = _fromController.Reader;
        var seen = 0;
        while (seen < count)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            while (seen < count && OfpFramer.TryReadFrame(ref buffer, out _, out _))
            {
                seen++;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted && seen < count)
            {
                throw new InvalidOperationException($"the controller closed the stream after {seen} of {count} responses");
            }
        }
    }

    private static byte[] Repeat(byte[] one, int count)
    {
        var all = new byte[one.Length * count];
        for (var i = 0; i < count; i++)
        {
            one.CopyTo(all, i * one.Length);
        }

        return all;
    }

    private async Task HandshakeAsync()
    {
        Expect<Hello>(await ReceiveAsync());
        await SendAsync(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(1) });
        var features = Expect<FeaturesRequest>(await ReceiveAsync());
        await SendAsync(new FeaturesReply(new DatapathId(1), 256, 254, 0, SwitchCapabilities.FlowStats) { Xid = features.Xid });
        var portDesc = Expect<PortDescRequest>(await ReceiveAsync());
        await SendAsync(Frames.PortDescReply(4) with { Xid = portDesc.Xid });
        Expect<SetConfig>(await ReceiveAsync());
        var barrier = Expect<BarrierRequest>(await ReceiveAsync());
        await SendAsync(new BarrierReply { Xid = barrier.Xid });
        Expect<FlowMod>(await ReceiveAsync()); // L2Learning's table-miss entry
    }

    private async Task SendAsync(OfpMessage message) => await _toController.Writer.WriteAsync(Frames.Encode(message));

    private async Task<OfpMessage> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var reader = _fromController.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cts.Token);
            var buffer = result.Buffer;
            if (OfpFramer.TryReadFrame(ref buffer, out var header, out var frame))
            {
                var bytes = frame.ToArray();
                reader.AdvanceTo(buffer.Start);
                var decoded = OpenFlowReader.Decode(header, bytes, header.Version == (byte)OfpVersion.OpenFlow13 ? Frames.Codec : null);
                return decoded.Message ?? throw new InvalidOperationException($"undecodable reply: {decoded.Error?.Message}");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new InvalidOperationException("the controller closed the stream");
            }
        }
    }

    private static T Expect<T>(OfpMessage message)
        where T : OfpMessage =>
        message as T ?? throw new InvalidOperationException($"expected {typeof(T).Name}, got {message.GetType().Name}");
}
