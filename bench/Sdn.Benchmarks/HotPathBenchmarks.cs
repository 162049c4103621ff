using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Topology;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Benchmarks;

/// <summary>
/// The hot path, "decode PACKET_IN + learning + encode FLOW_MOD", in steady state: host B is already learned,
/// host A sends to B with a buffer id, so every packet-in re-learns A and produces exactly one FLOW_MOD (carrying
/// the buffer id, no PACKET_OUT), encoded into a reusable buffer by <see cref="SinkSwitch"/>.
/// <list type="bullet">
/// <item><c>App</c>: parse (<see cref="PacketInView"/>), then the real <see cref="L2LearningApp"/> called directly with the sink.</item>
/// <item><c>Dispatcher</c>: parse, then the real <see cref="AppDispatcher"/> (per-app view, cookie stamping) → L2Learning → sink,
/// which is what <c>SwitchConnection</c> does for a packet-in minus the send queue.</item>
/// </list>
/// Target (issue 3): 0 B allocated and ≤ 100 ns.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class HotPathBenchmarks
{
    private ServiceProvider _services = null!;
    private AppDispatcher _dispatcher = null!;
    private AppViews _views = null!;
    private L2LearningApp _app = null!;
    private SinkSwitch _appSink = null!;
    private SinkSwitch _viewSink = null!;
    private ServiceProvider _productServices = null!;
    private AppDispatcher _product = null!;
    private AppViews _productViews = null!;
    private SinkSwitch _productSink = null!;
    private byte[] _frame = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = new ControllerOptions { Apps = [L2LearningApp.AppName] }.ApplyDefaults();
        var services = new ServiceCollection();
        services.AddLogging(); // no providers: debug logging is off, as in production at the default level
        services.AddSingleton(Options.Create(options));
        services.AddBuiltInApps();
        services.AddSingleton<AppDispatcher>();
        _services = services.BuildServiceProvider();
        _dispatcher = _services.GetRequiredService<AppDispatcher>();
        _app = _dispatcher.Apps.OfType<L2LearningApp>().Single();

        // Two switches (dpids 1 and 2) so the two benchmarks have their own MAC tables.
        _appSink = new SinkSwitch(1);
        _app.OnSwitchUp(_appSink);
        _viewSink = new SinkSwitch(2);
        _views = _dispatcher.CreateViews(_viewSink);
        _dispatcher.SwitchUp(_views);

        // Learn B on port 2 (B → A floods), then A → B must give exactly one FLOW_MOD.
        var fromB = Frames.Encode(Frames.PacketIn(Frames.HostB, Frames.HostA, 2, xid: 1));
        _frame = Frames.Encode(Frames.PacketIn(Frames.HostA, Frames.HostB, 1, bufferId: 0x100, xid: 2));
        Feed(fromB, viaDispatcher: false);
        Feed(fromB, viaDispatcher: true);
        App();
        Dispatcher();
        Check(_appSink);
        Check(_viewSink);

        // The product's dispatch: the always-on topology app (LLDP check, host tracking) ahead of L2Learning.
        var product = new ServiceCollection();
        product.AddLogging();
        product.AddSingleton(Options.Create(options));
        var config = new ConfigurationBuilder().Build();
        product.AddSingleton<IConfiguration>(config);
        product.AddTopology(config);
        product.AddBuiltInApps();
        product.AddSingleton<AppDispatcher>();
        _productServices = product.BuildServiceProvider();
        _product = _productServices.GetRequiredService<AppDispatcher>();
        _productSink = new SinkSwitch(3);
        _productViews = _product.CreateViews(_productSink);
        _product.SwitchUp(_productViews);
        _productSink.Reset();
        foreach (var frame in new[] { fromB, _frame })
        {
            PacketInView.TryParse(frame, OfpVersion.OpenFlow13, out var p);
            _product.PacketIn(_productViews, p);
        }

        Product();
        Check(_productSink);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _productServices.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int App()
    {
        _appSink.Reset();
        PacketInView.TryParse(_frame, OfpVersion.OpenFlow13, out var packetIn);
        _app.OnPacketIn(_appSink, packetIn);
        return _appSink.Count;
    }

    [Benchmark]
    public int Dispatcher()
    {
        _viewSink.Reset();
        PacketInView.TryParse(_frame, OfpVersion.OpenFlow13, out var packetIn);
        _dispatcher.PacketIn(_views, packetIn);
        return _viewSink.Count;
    }

    /// <summary>As <see cref="Dispatcher"/>, with the product's always-on topology app first (as the controller runs by default).</summary>
    [Benchmark]
    public int Product()
    {
        _productSink.Reset();
        PacketInView.TryParse(_frame, OfpVersion.OpenFlow13, out var packetIn);
        _product.PacketIn(_productViews, packetIn);
        return _productSink.Count;
    }

    /// <summary>Parsing the PACKET_IN view alone (for the allocation report).</summary>
    public bool ParseOnly() => PacketInView.TryParse(_frame, OfpVersion.OpenFlow13, out _);

    private void Feed(byte[] frame, bool viaDispatcher)
    {
        if (!PacketInView.TryParse(frame, OfpVersion.OpenFlow13, out var packetIn))
        {
            throw new InvalidOperationException("the PACKET_IN frame does not parse");
        }

        if (viaDispatcher)
        {
            _dispatcher.PacketIn(_views, packetIn);
        }
        else
        {
            _app.OnPacketIn(_appSink, packetIn);
        }
    }

    private static void Check(SinkSwitch sink)
    {
        if (sink.Count != 1 || Frames.Codec.Decode(sink.Written) is not FlowMod { BufferId.Value: 0x100 })
        {
            throw new InvalidOperationException($"steady state should give one FLOW_MOD with buffer 0x100; got {sink.Count} message(s)");
        }
    }
}
