using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Channel;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Core.Tests.Support;

/// <summary>
/// A scripted switch on the far end of in-memory pipes, talking to a real <see cref="SwitchConnection"/> made by
/// <see cref="SwitchConnectionFactory"/> with the real <see cref="AppDispatcher"/> running L2Learning and a
/// <see cref="RecorderApp"/>. Every wait is bounded (<see cref="Wait"/> of real time).
/// </summary>
public sealed class FakeSwitchPeer : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    public static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    private readonly Pipe _toController = new();
    private readonly Pipe _fromController = new();
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _ownsServices;

    public FakeSwitchPeer(TimeProvider? clock = null, Action<ControllerOptions>? configure = null)
        : this(BuildServices(clock, configure), ownsServices: true, port: 50000)
    {
    }

    private FakeSwitchPeer(ServiceProvider services, bool ownsServices, int port)
    {
        _services = services;
        _ownsServices = ownsServices;
        Dispatcher = _services.GetRequiredService<AppDispatcher>();
        Registry = _services.GetRequiredService<SwitchRegistry>();
        Recorder = Dispatcher.Apps.OfType<RecorderApp>().Single();
        Remote = new IPEndPoint(IPAddress.Loopback, port);
        Connection = _services.GetRequiredService<SwitchConnectionFactory>().Create($"test-{port}", Remote, _toController.Reader, _fromController.Writer);
        Run = Task.Run(() => Connection.RunAsync(_stop.Token));
    }

    /// <summary>A second switch connection to the same controller (same apps, registry and clock), from another port.</summary>
    public FakeSwitchPeer ConnectAnother() => new(_services, ownsServices: false, Remote.Port + 1);

    private static ServiceProvider BuildServices(TimeProvider? clock, Action<ControllerOptions>? configure)
    {
        // Long echo interval by default so a slow test machine never sees a keep-alive probe it did not ask for.
        var options = new ControllerOptions { Apps = ["L2Learning", RecorderApp.AppName], EchoIntervalSeconds = 600 }.ApplyDefaults();
        configure?.Invoke(options);
        Assert.Empty(options.Validate());

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddBuiltInApps();
        services.AddControllerApp<RecorderApp>(RecorderApp.AppName, 0x7e);
        services.AddSingleton<AppDispatcher>();
        services.AddSingleton<SwitchRegistry>();
        services.AddSingleton<SwitchConnectionFactory>();
        return services.BuildServiceProvider();
    }

    /// <summary>The address the connection believes the switch has (distinct per peer).</summary>
    public IPEndPoint Remote { get; }

    public SwitchConnection Connection { get; }

    /// <summary>The connection's RunAsync.</summary>
    public Task Run { get; }

    public AppDispatcher Dispatcher { get; }

    public SwitchRegistry Registry { get; }

    public RecorderApp Recorder { get; }

    // ---- switch → controller -------------------------------------------------------------------------------

    public Task SendAsync(OfpMessage message) => SendRawAsync(Codec.Encode(message));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _toController.Writer.WriteAsync(bytes);
    }

    /// <summary>Closes the switch's side of the TCP stream.</summary>
    public ValueTask CloseAsync() => _toController.Writer.CompleteAsync();

    // ---- controller → switch -------------------------------------------------------------------------------

    /// <summary>
    /// The next message the controller wrote (decoded as 1.3 when its header says 0x04, else as a version-neutral
    /// HELLO/ERROR), or null when the controller closed the stream.
    /// </summary>
    /// <exception cref="TimeoutException">Nothing within <paramref name="timeout"/> (default <see cref="Wait"/>).</exception>
    public async Task<(OfpHeader Header, OfpMessage Message)?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Wait);
        var reader = _fromController.Reader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the controller sent nothing within {(timeout ?? Wait).TotalSeconds} s");
            }

            var buffer = result.Buffer;
            if (OfpFramer.TryReadFrame(ref buffer, out var header, out var frame))
            {
                var bytes = frame.ToArray();
                reader.AdvanceTo(buffer.Start);
                var decoded = OpenFlowReader.Decode(header, bytes, header.Version == (byte)OfpVersion.OpenFlow13 ? Codec : null);
                Assert.Null(decoded.Error);
                return (header, decoded.Message!);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>The next message, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectAsync<T>()
        where T : OfpMessage
    {
        var next = await ReceiveAsync() ?? throw new Xunit.Sdk.XunitException($"connection closed while waiting for {typeof(T).Name}");
        return Assert.IsType<T>(next.Message);
    }

    /// <summary>The controller closes its stream (after any messages, which are returned) and RunAsync ends.</summary>
    public async Task<List<OfpMessage>> ExpectClosedAsync()
    {
        var rest = new List<OfpMessage>();
        while (await ReceiveAsync() is { } m)
        {
            rest.Add(m.Message);
        }

        await Run.WaitAsync(Wait);
        return rest;
    }

    /// <summary>
    /// With a <see cref="ManualTimeProvider"/>: advances virtual time by <paramref name="step"/> until the controller
    /// writes a message (returned) or closes (null). Bounded by <see cref="Wait"/> of real time.
    /// </summary>
    public async Task<OfpMessage?> AdvanceUntilReceivedAsync(ManualTimeProvider clock, TimeSpan step)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Wait)
        {
            try
            {
                return (await ReceiveAsync(TimeSpan.FromMilliseconds(20)))?.Message;
            }
            catch (TimeoutException)
            {
                clock.Advance(step);
            }
        }

        throw new TimeoutException($"the controller sent nothing up to virtual time {clock.Elapsed}");
    }

    // ---- scripts -------------------------------------------------------------------------------------------

    /// <summary>
    /// Plays the switch side of a complete 1.3 handshake (ports 1, 2 in a first PORT_DESC part flagged MORE, 3 in
    /// the last) and returns the first message after the barrier reply.
    /// </summary>
    public async Task<OfpMessage> HandshakeAsync(ulong dpid = 0x0000_0000_0000_0001)
    {
        await ExpectAsync<Hello>();
        await SendAsync(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(1) });
        var features = await ExpectAsync<FeaturesRequest>();
        await SendAsync(Msg.Features(dpid, features.Xid));
        var portDesc = await ExpectAsync<PortDescRequest>();
        await SendAsync(new PortDescReply([Msg.Port(1), Msg.Port(2)]) { Xid = portDesc.Xid, Flags = MultipartFlags.More });
        await SendAsync(new PortDescReply([Msg.Port(3)]) { Xid = portDesc.Xid });
        await ExpectAsync<SetConfig>();
        var barrier = await ExpectAsync<BarrierRequest>();
        await SendAsync(new BarrierReply { Xid = barrier.Xid });
        return (await ReceiveAsync())?.Message ?? throw new Xunit.Sdk.XunitException("connection closed after the handshake");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(Wait);
        }
        finally
        {
            await _toController.Writer.CompleteAsync();
            await _fromController.Reader.CompleteAsync();
            _stop.Dispose();
            if (_ownsServices)
            {
                await _services.DisposeAsync();
            }
        }
    }
}
