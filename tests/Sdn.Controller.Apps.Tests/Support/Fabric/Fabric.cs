using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Configuration;
using Sdn.Controller.Events;
using Sdn.Controller.Topology;
using Sdn.Controller.Topology.Discovery;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;

namespace Sdn.Controller.Apps.Tests.Support.Fabric;

/// <summary>
/// A whole network in memory: fake switches (<see cref="FabricSwitch"/>) wired by cables, hosts that record what
/// reaches them, and the real controller apps (always-on discovery + the app under test) behind the real
/// <see cref="AppDispatcher"/>. Frames travel hop by hop through an event queue; a frame that crosses more than
/// <see cref="MaxHops"/> switches is counted as a loop; a run of more than <see cref="MaxSteps"/> steps is a storm.
/// </summary>
public sealed class Fabric : IDisposable
{
    public const int MaxHops = 64;
    public const int MaxSteps = 200_000;

    private readonly Queue<Action> _queue = new();
    private readonly Dictionary<(DatapathId, PortNumber), object> _peers = [];
    private readonly Dictionary<DatapathId, AppViews> _views = [];
    private readonly ServiceProvider _services;

    /// <param name="app">The app under test.</param>
    /// <param name="settings">Configuration values.</param>
    /// <param name="configure">Extra services (e.g. an <c>IPathConstraintProvider</c>).</param>
    public Fabric(string app, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IOptions<ControllerOptions>>(Options.Create(new ControllerOptions { Apps = [app] }));
        Assert.Empty(services.AddTopology(config));
        services.AddBuiltInApps();
        services.AddSingleton<AppDispatcher>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        Dispatcher = _services.GetRequiredService<AppDispatcher>();
    }

    public ManualTimeProvider Time { get; } = new();

    public AppDispatcher Dispatcher { get; }

    public TopologyService Topology => _services.GetRequiredService<TopologyService>();

    public DiscoveryApp Discovery => _services.GetRequiredService<DiscoveryApp>();

    public EventBus Bus => _services.GetRequiredService<EventBus>();

    public T App<T>() => Dispatcher.Apps.OfType<T>().Single();

    public Dictionary<DatapathId, FabricSwitch> Switches { get; } = [];

    public Dictionary<string, FabricHost> Hosts { get; } = [];

    /// <summary>Every (switch, frame) arrival at a switch, in order: traces the way a frame took.</summary>
    public List<(DatapathId Switch, byte[] Frame)> Trace { get; } = [];

    /// <summary>Frames dropped because they crossed more than <see cref="MaxHops"/> switches.</summary>
    public int Loops { get; private set; }

    public int TotalPacketIns => Switches.Values.Sum(s => s.PacketIns);

    /// <summary>Packet-ins other than LLDP (what forwarding costs the controller).</summary>
    public int DataPacketIns { get; private set; }

    /// <summary>Builds switches and cables from a generated topology (each graph link pair is one cable).</summary>
    public static Fabric From(PathGraph graph, string app, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var fabric = new Fabric(app, settings, configure);
        foreach (var dpid in graph.Switches)
        {
            fabric.Switches[dpid] = new FabricSwitch(fabric, dpid.Value);
        }

        foreach (var link in graph.Links.Where(l => l.Source.Value < l.Target.Value || (l.Source == l.Target && l.SourcePort.Value < l.TargetPort.Value)))
        {
            fabric.Cable(link.Source, link.SourcePort, link.Target, link.TargetPort);
        }

        return fabric;
    }

    public void Cable(DatapathId a, PortNumber pa, DatapathId b, PortNumber pb)
    {
        _peers.Add((a, pa), (b, pb));
        _peers.Add((b, pb), (a, pa));
        Switches[a].AddPort(pa.Value);
        Switches[b].AddPort(pb.Value);
    }

    /// <summary>Attaches a new host on the next free port of <paramref name="dpid"/>.</summary>
    public FabricHost AttachHost(DatapathId dpid)
    {
        var index = Hosts.Count + 1;
        var host = new FabricHost($"h{index}", new MacAddress(0x0000_0000_0000UL | (uint)index), new IPv4Address(0x0a00_0000u | (uint)index));
        var sw = Switches[dpid];
        var port = new PortNumber(sw.Ports.Keys.Select(p => p.Value).DefaultIfEmpty(0u).Max() + 1);
        sw.AddPort(port.Value);
        _peers.Add((dpid, port), host);
        host.Location = (dpid, port);
        Hosts[host.Name] = host;
        return host;
    }

    /// <summary>Connects every switch (handshake done) and lets LLDP discover the links.</summary>
    public void Start()
    {
        foreach (var sw in Switches.Values)
        {
            var views = Dispatcher.CreateViews(sw);
            _views[sw.Dpid] = views;
            Dispatcher.SwitchUp(views);
        }

        Run();
    }

    /// <summary>
    /// Moves the clock (firing the apps' timers), then runs one LLDP probe round (what the discovery loop does every
    /// probe interval in the real host) and delivers what that caused.
    /// </summary>
    public void Advance(TimeSpan delta)
    {
        Time.Advance(delta);
        Run();
        Discovery.ProbeAll();
        Run();
    }

    /// <summary>Every host sends a gratuitous ARP so the controller learns it.</summary>
    public void AnnounceHosts()
    {
        foreach (var host in Hosts.Values)
        {
            Send(host, EthernetFrame.Carrying(MacAddress.Broadcast, host.Mac, ArpPacket.Request(host.Mac, host.Ip, host.Ip)).ToArray());
        }
    }

    /// <summary>A unicast IPv4/UDP frame from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static byte[] Unicast(FabricHost from, FabricHost to, ushort tag) =>
        EthernetFrame.Carrying(to.Mac, from.Mac, Ipv4Packet.Carrying(from.Ip, to.Ip, new UdpDatagram(tag, 9, new byte[] { 1, 2, 3, 4 }))).ToArray();

    public void Send(FabricHost host, byte[] frame)
    {
        var (dpid, port) = host.Location;
        var sw = Switches[dpid];
        Enqueue(() => sw.Receive(port, frame, 0));
        Run();
    }

    /// <summary>Cuts the cable at (a, pa): both ends go down and both switches report PORT_STATUS.</summary>
    public void CutCable(DatapathId a, PortNumber pa)
    {
        var (b, pb) = ((DatapathId, PortNumber))_peers[(a, pa)];
        SetPort(a, pa, up: false);
        SetPort(b, pb, up: false);
        Run();
    }

    /// <summary>Cuts the cable at (a, pa) without telling the controller: only the switches' fast-failover groups can react.</summary>
    public void CutCableSilently(DatapathId a, PortNumber pa)
    {
        var (b, pb) = ((DatapathId, PortNumber))_peers[(a, pa)];
        Switches[a].AddPort(pa.Value, up: false);
        Switches[b].AddPort(pb.Value, up: false);
    }

    /// <summary>The cables (each once, from its lower end).</summary>
    public IEnumerable<(DatapathId Dpid, PortNumber Port)> Cables =>
        _peers.Where(p => p.Value is (DatapathId, PortNumber) && ((DatapathId, PortNumber))p.Value is var (b, pb) && (p.Key.Item1.Value, p.Key.Item2.Value).CompareTo((b.Value, pb.Value)) < 0)
              .Select(p => (p.Key.Item1, p.Key.Item2));

    /// <summary>Restores the cable at (a, pa).</summary>
    public void RestoreCable(DatapathId a, PortNumber pa)
    {
        var (b, pb) = ((DatapathId, PortNumber))_peers[(a, pa)];
        SetPort(a, pa, up: true);
        SetPort(b, pb, up: true);
        Run();
    }

    private void SetPort(DatapathId dpid, PortNumber port, bool up)
    {
        var sw = Switches[dpid];
        sw.AddPort(port.Value, up);
        Dispatcher.PortStatus(_views[dpid], new PortStatus(PortStatusReason.Modify, sw.Ports[port]));
    }

    internal void Enqueue(Action step) => _queue.Enqueue(step);

    internal void PacketIn(FabricSwitch sw, PacketIn packetIn)
    {
        if (packetIn.Data.Count < 14 || packetIn.Data[12] != 0x88 || packetIn.Data[13] != 0xcc)
        {
            DataPacketIns++;
        }

        Dispatcher.PacketIn(_views[sw.Dpid], packetIn.View());
    }

    internal void Transmit(FabricSwitch from, PortNumber port, byte[] frame, int hops)
    {
        if (hops > MaxHops)
        {
            Loops++;
            return;
        }

        if (!from.Ports.TryGetValue(port, out var desc) || !desc.IsUp)
        {
            return; // a port that is down sends nothing
        }

        switch (_peers.GetValueOrDefault((from.Dpid, port)))
        {
            case FabricHost host:
                host.Received.Add(frame);
                break;
            case (DatapathId next, PortNumber nextPort):
                var sw = Switches[next];
                Enqueue(() => sw.Receive(nextPort, frame, hops));
                break;
        }
    }

    /// <summary>Delivers queued frames until the network is quiet.</summary>
    public void Run()
    {
        for (var steps = 0; _queue.TryDequeue(out var step); steps++)
        {
            Assert.True(steps < MaxSteps, $"no quiet after {MaxSteps} steps: a storm");
            step();
        }
    }

    public void Dispose()
    {
        foreach (var app in Dispatcher.Apps.OfType<IDisposable>())
        {
            app.Dispose();
        }

        _services.Dispose();
    }
}

/// <summary>An end host: records every frame that reaches it.</summary>
public sealed class FabricHost(string name, MacAddress mac, IPv4Address ip)
{
    public string Name { get; } = name;

    public MacAddress Mac { get; } = mac;

    public IPv4Address Ip { get; } = ip;

    public (DatapathId Dpid, PortNumber Port) Location { get; set; }

    public List<byte[]> Received { get; } = [];

    public override string ToString() => Name;
}
