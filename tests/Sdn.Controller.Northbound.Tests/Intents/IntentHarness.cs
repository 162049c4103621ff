using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Configuration;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.Policies.Intents;
using Sdn.Controller.Topology;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;

namespace Sdn.Controller.Northbound.Tests.Intents;

/// <summary>
/// The intent stack without sockets: a ring of four recording switches (switch i's port 1 to switch i+1's port 2,
/// host i with MAC 00:00:00:00:00:0i and IPv4 10.0.0.i on port 3), the real topology service, ShortestPath,
/// PolicyApp, store and <see cref="PathIntentService"/>.
/// </summary>
internal sealed class IntentHarness : IDisposable
{
    private readonly string _db;

    public IntentHarness(bool shortestPath = true, string? db = null)
    {
        _db = db ?? Path.Combine(Path.GetTempPath(), "sdn-intents-" + Guid.NewGuid().ToString("n"), "p.db");
        Store = new PolicyStore(_db);
        Topology = new TopologyService(Bus, Time, Options.Create(new TopologyOptions()), NullLogger<TopologyService>.Instance);
        Live = new PathIntentConstraints(Store);
        Policies = new PolicyApp(Store, Bus, FlowPipeline.SingleTable, Time, NullLogger<PolicyApp>.Instance);
        var registrations = shortestPath
            ? new[] { new AppRegistration(ShortestPathApp.AppName, new CookieRange(ShortestPathApp.CookieId), _ => new ShortestPathApp(Topology, Bus, Options.Create(new ShortestPathOptions()), Time, NullLogger<ShortestPathApp>.Instance, [Live])) }
            : [];
        Apps = new AppDispatcher(registrations, Options.Create(new ControllerOptions { Apps = shortestPath ? [ShortestPathApp.AppName] : [] }), new ServiceCollection().BuildServiceProvider(), NullLogger<AppDispatcher>.Instance);
        Service = new PathIntentService(Policies, Live, Topology, Apps, NullLogger<PathIntentService>.Instance);
        for (ulong i = 1; i <= 4; i++)
        {
            var sw = new RecordingSwitch(i) { Ports = Enumerable.Range(1, 4).ToDictionary(p => new PortNumber((uint)p), p => new PortDescription(new PortNumber((uint)p), new MacAddress((i << 8) | (uint)p), $"s{i}-eth{p}", 0, PortState.Live)) };
            Switches[i] = sw;
            Topology.SwitchConnected(sw.Dpid, OfpVersion.OpenFlow13, sw.Ports.Values);
            ShortestPath?.OnSwitchUp(sw);
            Policies.OnSwitchUp(sw);
        }

        for (ulong i = 1; i <= 4; i++)
        {
            var next = (i % 4) + 1;
            Assert.True(Topology.LinkObserved(new Link(new SwitchPort(new DatapathId(i), new PortNumber(1)), new SwitchPort(new DatapathId(next), new PortNumber(2)))));
            Assert.True(Topology.LinkObserved(new Link(new SwitchPort(new DatapathId(next), new PortNumber(2)), new SwitchPort(new DatapathId(i), new PortNumber(1)))));
        }

        for (ulong i = 1; i <= 4; i++)
        {
            Assert.True(Topology.HostObserved(Mac(i), null, new SwitchPort(new DatapathId(i), new PortNumber(3)), new IPv4Address(0x0a00_0000u | (uint)i)));
        }
    }

    public EventBus Bus { get; } = new(NullLogger<EventBus>.Instance);

    public ManualTimeProvider Time { get; } = new();

    public PolicyStore Store { get; }

    public TopologyService Topology { get; }

    public PathIntentConstraints Live { get; }

    public PolicyApp Policies { get; }

    public AppDispatcher Apps { get; }

    public PathIntentService Service { get; }

    public Dictionary<ulong, RecordingSwitch> Switches { get; } = [];

    public ShortestPathApp? ShortestPath => Apps.Apps.OfType<ShortestPathApp>().SingleOrDefault();

    public string Database => _db;

    public static MacAddress Mac(ulong host) => new(host);

    /// <summary>Host <paramref name="from"/> sends to host <paramref name="to"/>: the packet-in at its switch installs both directions.</summary>
    public void Install(ulong from, ulong to)
    {
        var frame = new byte[60];
        Mac(to).Write(frame);
        Mac(from).Write(frame.AsSpan(6));
        frame[12] = 0x08;
        var packetIn = new PacketIn(BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.NoMatch, 0, 0, new Match([OxmField.InPort(new PortNumber(3))]), frame);
        ShortestPath!.OnPacketIn(Switches[from], packetIn.View());
        Assert.NotNull(ShortestPath.PathOf(Mac(from), Mac(to)));
    }

    /// <summary>The switches (raw dpids) of the installed path from host <paramref name="from"/> to host <paramref name="to"/>.</summary>
    public ulong[] PathOf(ulong from, ulong to) => ShortestPath!.PathOf(Mac(from), Mac(to)) is { } p ? [.. p.Switches.Select(s => s.Value)] : [];

    public void Dispose()
    {
        Store.Dispose();
        foreach (var app in Apps.Apps.OfType<IDisposable>())
        {
            app.Dispose();
        }
    }
}
