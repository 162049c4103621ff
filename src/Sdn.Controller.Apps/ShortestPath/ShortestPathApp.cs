using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps.Common;
using Sdn.Controller.Events;
using Sdn.Controller.Topology.Events;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Loop-free shortest-path forwarding over the discovered topology (OpenFlow 1.3 switches):
/// <list type="bullet">
/// <item>broadcast / multicast: flooded by the switches themselves along the minimum spanning forest of the working
/// links plus confirmed edge ports (<see cref="FloodPlan"/>); frames entering at an edge port are also copied to the
/// controller so hosts are tracked;</item>
/// <item>unicast to a known host: the shortest path (hop count, deterministic tie-break) from the ingress switch to
/// the host's switch gets one flow per switch (match eth_src + eth_dst), installed egress-first, barrier-confirmed on
/// every switch of the path before the triggering packet is sent on; the reverse direction is installed with it when
/// the source host is known; idle timeout <see cref="ShortestPathOptions.IdleTimeout"/>; a cookie per path;</item>
/// <item>unicast to an unknown host: delivered by the controller straight out of every confirmed edge port (never
/// across inter-switch links, so it cannot loop);</item>
/// <item>fast failover (<see cref="ShortestPathOptions.FastFailover"/>, on by default): every hop with a local detour
/// forwards through an OFPGT_FF group whose backup bucket takes it, so switches repair locally
/// (<see cref="PathProgram"/>);</item>
/// <item>link or switch down: the affected paths (indexed by the links they use) get new shortest paths
/// make-before-break — new cookie, barrier on every switch of the new path, then the old cookie's flows and groups
/// deleted — with the repair time in <see cref="Convergence"/> and a <see cref="PathRerouted"/> event; pairs left
/// without a path lose their flows (<see cref="PathUnreachable"/>); on link up, paths are re-protected;
/// host moved or removed: the pair's flows are deleted by cookie (the next packet installs a new path); flood rules
/// follow every topology change.</item>
/// </list>
/// On connect, the app deletes every flow in its cookie range and every group on the switch (it is the only app that
/// uses groups), so nothing from an earlier run survives. Cookie id 0x12. OpenFlow 1.0 switches are refused (no masked eth_dst match to flood multicast): logged, left alone.
/// </summary>
public sealed partial class ShortestPathApp : ISwitchLifecycleHandler, IPacketInHandler, IFlowRemovedHandler, IDisposable
{
    /// <summary>Configuration name.</summary>
    public const string AppName = "ShortestPath";

    /// <summary>Cookie id (top byte of the cookie).</summary>
    public const byte CookieId = 0x12;

    /// <summary>Packets of a pair whose path was installed less than this long ago are forwarded without reinstalling.</summary>
    private static readonly TimeSpan InstallInFlight = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Dictionary<DatapathId, ISwitch> _switches = [];
    private readonly PathTable _paths = new();
    private readonly NetworkGraph _graph = new();
    private readonly TopologyService _topology;
    private readonly ShortestPathOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ShortestPathApp> _log;
    private readonly IDisposable _listener;
    private readonly EventBus _bus;
    private readonly GroupIds _groupIds = new();
    private readonly ITimer _floodTimer;
    private readonly IPathConstraintProvider[] _constraintProviders;
    private ulong _nextPathId;

    /// <summary>
    /// Creates the app; it follows <paramref name="bus"/>'s topology events from now on and computes every path under
    /// the <paramref name="constraints"/> (e.g. path intents; none registered = plain shortest paths).
    /// </summary>
    public ShortestPathApp(TopologyService topology, EventBus bus, IOptions<ShortestPathOptions> options, TimeProvider time, ILogger<ShortestPathApp> log, IEnumerable<IPathConstraintProvider> constraints)
    {
        _constraintProviders = [.. constraints];
        _topology = topology;
        _options = options.Value;
        _time = time;
        _log = log;
        _bus = bus;
        _listener = bus.AddListener(e =>
        {
            if (e is TopologyEvent t)
            {
                OnTopologyEvent(t);
            }
        });
        var refresh = TimeSpan.FromSeconds(_options.FloodRefreshInterval);
        _floodTimer = time.CreateTimer(_ => RefreshFlooding(), null, refresh, refresh);
    }

    /// <inheritdoc />
    public string Name => AppName;

    /// <summary>Paths currently installed (a copy).</summary>
    public IReadOnlyList<InstalledPath> Paths
    {
        get
        {
            lock (_gate)
            {
                return [.. _paths.All];
            }
        }
    }

    /// <summary>The installed path carrying frames from <paramref name="source"/> to <paramref name="destination"/>, or null.</summary>
    public InstalledPath? PathOf(MacAddress source, MacAddress destination)
    {
        lock (_gate)
        {
            return _paths.Find(new HostPair(source, destination));
        }
    }

    /// <inheritdoc />
    public void OnSwitchUp(ISwitch sw)
    {
        if (sw.Version != OfpVersion.OpenFlow13)
        {
            _log.LogWarning("dpid={Dpid} speaks {Version}: ShortestPath needs OpenFlow 1.3 (masked eth_dst for flooding); the switch gets no flows", sw.Dpid, sw.Version);
            return;
        }

        lock (_gate)
        {
            _switches[sw.Dpid] = sw;
            _installedFlood.Remove(sw.Dpid);
            _groupIds.Reset(sw.Dpid);

            // A clean slate: flows and groups left by an earlier controller run (or an earlier connection) would
            // collide with the new cookies and group ids (GROUP_EXISTS) and forward along stale buckets.
            sw.Send(new CookieRange(CookieId).DeleteAll());
            sw.Send(PathProgram.DeleteGroup(GroupId.All));
            sw.Send(TableMiss.FlowMod());
            RecomputeFlooding();
        }
    }

    /// <inheritdoc />
    public void OnSwitchDown(ISwitch sw, string reason)
    {
        lock (_gate)
        {
            if (_switches.TryGetValue(sw.Dpid, out var current) && ReferenceEquals(current, sw))
            {
                _switches.Remove(sw.Dpid);
                _installedFlood.Remove(sw.Dpid);
            }
        }
    }

    /// <inheritdoc />
    public void OnPacketIn(ISwitch sw, in PacketInView packetIn)
    {
        var data = packetIn.Data;
        if (data.Length < EthernetHeader.Length || BinaryPrimitives.ReadUInt16BigEndian(data[12..]) == EthernetHeader.Lldp || sw.Version != OfpVersion.OpenFlow13)
        {
            return;
        }

        var dst = MacAddress.Read(data);
        var src = MacAddress.Read(data[6..]);
        if (dst.IsMulticast)
        {
            return; // flooded in the switches by the flood rules (reason ACTION), or dropped while they are not in place yet
        }

        var snapshot = _topology.Current;
        var here = new SwitchPort(sw.Dpid, packetIn.InPort);
        var dstHost = snapshot.FindHost(dst);
        if (dstHost is null)
        {
            if (!snapshot.IsInterSwitchPort(here))
            {
                DeliverToEdges(snapshot, here, data);
            }

            return;
        }

        if (dstHost.Location == here)
        {
            return; // the destination sits on the port the frame came from
        }

        Forward(sw, snapshot, here, src, dstHost, packetIn.BufferId, data);
    }

    /// <inheritdoc />
    public void OnFlowRemoved(ISwitch sw, FlowRemoved flowRemoved)
    {
        if (flowRemoved.Reason is not (FlowRemovedReason.IdleTimeout or FlowRemovedReason.HardTimeout))
        {
            return;
        }

        lock (_gate)
        {
            if (_paths.FindByCookie(flowRemoved.Cookie) is { } path)
            {
                RemovePath(path, "idle");
            }
        }
    }

    /// <summary>Repair times after link failures (ms, failure detected → repair barrier-confirmed).</summary>
    public ConvergenceHistogram Convergence { get; } = new();

    /// <summary>Stops following topology events and the flood refresh timer.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        _floodTimer.Dispose();
    }
}
