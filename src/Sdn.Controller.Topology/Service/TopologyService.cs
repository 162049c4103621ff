using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdn.Controller.Events;
using Sdn.Controller.Topology.Events;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;

namespace Sdn.Controller.Topology.Service;

/// <summary>
/// Owns the network's state. Every change builds a new <see cref="TopologySnapshot"/> (version + 1), swaps it
/// atomically into <see cref="Current"/>, then publishes the matching <see cref="TopologyEvent"/>s on the
/// <see cref="EventBus"/>, in order. Readers never lock. Writers are serialised. Event listeners must not call the
/// mutating methods (they run while the writer lock is held).
/// Times come from the <see cref="TimeProvider"/>; link and host aging happens in <see cref="Expire"/>.
/// </summary>
public sealed class TopologyService
{
    private static readonly TimeSpan HostRefresh = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly Dictionary<Link, DateTimeOffset> _linkSeen = [];
    private readonly Dictionary<Link, DateTimeOffset> _linkDownAt = [];

    // No host can expire before this (the oldest sighting at the last host scan + HostTimeout; hosts learned since
    // were seen later): until then Expire skips the host scan, which walked every host every probe round (100,000
    // hosts in a cbench run: a few percent of the controller's CPU). Under _gate.
    private DateTimeOffset _noHostExpiresBefore = DateTimeOffset.MinValue;

    // CoarseUtcTicks' cache: the Environment.TickCount64 value it was read at, and the clock then.
    private long _clockTick = long.MinValue;
    private long _clockUtcTicks;

    // The hosts of the current snapshot in a hash table, for the packet-in fast path (one lookup, no tree walk).
    // Each entry also keeps the latest sighting (UTC ticks), written at most once a second per host and without the
    // lock: a host that keeps sending never makes a new snapshot. One lookup answers the packet-in fast path.
    private readonly MacIndex<HostEntry> _hostIndex = new();
    private readonly EventBus _bus;
    private readonly TimeProvider _time;
    private readonly TopologyOptions _options;
    private readonly ILogger<TopologyService> _log;
    private TopologySnapshot _current = TopologySnapshot.Empty;

    /// <summary>Creates an empty topology.</summary>
    public TopologyService(EventBus bus, TimeProvider time, IOptions<TopologyOptions> options, ILogger<TopologyService> log)
    {
        _bus = bus;
        _time = time;
        _options = options.Value;
        _log = log;
    }

    /// <summary>The latest snapshot (lock-free read).</summary>
    public TopologySnapshot Current => Volatile.Read(ref _current);

    /// <summary>A switch became Ready: adds it with its ports (replacing a previous entry with the same dpid).</summary>
    public void SwitchConnected(DatapathId dpid, OfpVersion version, IEnumerable<PortDescription> ports)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var change = new Change(this, now);
            if (change.Switches.ContainsKey(dpid))
            {
                change.RemoveSwitch(dpid, "replaced");
            }

            var info = new SwitchInfo(dpid, version, ports.ToImmutableDictionary(p => p.PortNo), now);
            change.Switches = change.Switches.SetItem(dpid, info);
            change.Add(v => new SwitchUp(now, v, info));
            change.Commit();
        }
    }

    /// <summary>A switch left: removes it, its links (both directions) and the hosts attached to it.</summary>
    public void SwitchDisconnected(DatapathId dpid, string reason)
    {
        lock (_gate)
        {
            var change = new Change(this, _time.GetUtcNow());
            if (change.RemoveSwitch(dpid, reason))
            {
                change.Commit();
            }
        }
    }

    /// <summary>
    /// Applies a PORT_STATUS (OpenFlow 1.3.5 §7.4.3). A port that is deleted or not live loses its links at once
    /// (both directions) and its hosts; a port that becomes live raises <see cref="PortUp"/>.
    /// Ignored for an unknown switch.
    /// </summary>
    public void PortChanged(DatapathId dpid, PortStatus status)
    {
        lock (_gate)
        {
            var change = new Change(this, _time.GetUtcNow());
            if (!change.Switches.TryGetValue(dpid, out var sw))
            {
                return;
            }

            var port = new SwitchPort(dpid, status.Port.PortNo);
            var wasLive = sw.IsLive(port.Port);
            var ports = status.Reason == PortStatusReason.Delete ? sw.Ports.Remove(port.Port) : sw.Ports.SetItem(port.Port, status.Port);
            var updated = sw with { Ports = ports };
            change.Switches = change.Switches.SetItem(dpid, updated);
            var isLive = updated.IsLive(port.Port);
            if (wasLive && !isLive)
            {
                var why = status.Reason == PortStatusReason.Delete ? "deleted" : (status.Port.Config & PortConfig.PortDown) != 0 ? "port down" : "link down";
                change.Add(v => new PortDown(change.Now, v, port, why));
                change.RemoveLinksAt(port, why);
                change.RemoveHostsAt(port, why);
            }
            else if (!wasLive && isLive)
            {
                change.Add(v => new PortUp(change.Now, v, port, status.Port));
            }

            change.Commit();
        }
    }

    /// <summary>
    /// An LLDP probe sent from <paramref name="link"/>'s source arrived at its destination. Adds the link (raising
    /// <see cref="LinkUp"/>, and forgetting hosts wrongly learned at either end) or refreshes its age.
    /// </summary>
    /// <returns>False (and nothing changes) when an end is unknown or not live, both ends are on one switch, or the link
    /// went down less than <see cref="TopologyOptions.LinkHoldDown"/> ago (flap damping).</returns>
    public bool LinkObserved(Link link)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var snapshot = _current;
            if (link.Source.Dpid == link.Destination.Dpid || !IsLive(snapshot, link.Source) || !IsLive(snapshot, link.Destination))
            {
                return false;
            }

            if (snapshot.Links.Contains(link))
            {
                _linkSeen[link] = now;
                return true;
            }

            if (_linkDownAt.TryGetValue(link, out var downAt) && now - downAt < _options.LinkHoldDownSpan)
            {
                return false;
            }

            _linkDownAt.Remove(link);
            _linkSeen[link] = now;

            var change = new Change(this, now);
            change.Links = change.Links.Add(link);
            change.Add(v => new LinkUp(now, v, link));
            change.RemoveHostsAt(link.Source, "port became inter-switch");
            change.RemoveHostsAt(link.Destination, "port became inter-switch");
            change.Commit();
            return true;
        }
    }

    /// <summary>
    /// A packet from host <paramref name="mac"/> arrived at <paramref name="location"/>. Learns the host (with the
    /// source addresses when given), moves it when its location changed, refreshes its age. A known host seen again at
    /// the same place costs two lock-free lookups, allocates nothing and makes no new snapshot (its sighting time is
    /// kept aside, see <see cref="LastSeen"/>).
    /// </summary>
    /// <returns>False (nothing learned) for a multicast or zero MAC, an inter-switch port, a port that is not live, or
    /// a new host when <see cref="TopologyOptions.MaxHosts"/> are known.</returns>
    public bool HostObserved(MacAddress mac, ushort? vlanId, SwitchPort location, IPv4Address? ipv4 = null, IPv6Address? ipv6 = null)
    {
        if (mac.IsMulticast || mac == MacAddress.Zero)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var entry = _hostIndex.GetValueOrDefault(mac);
        var known = entry?.Host;
        if (known is not null && known.Location == location && known.VlanId == vlanId && known.Has(ipv4) && known.Has(ipv6))
        {
            entry!.Touch(now.UtcTicks, HostRefresh.Ticks);
            return true;
        }

        var snapshot = Current;
        if (snapshot.IsInterSwitchPort(location) || !IsLive(snapshot, location) || (known is null && snapshot.Hosts.Count >= _options.MaxHosts))
        {
            return false; // checked again under the lock; this keeps refused packet-ins lock-free
        }

        lock (_gate)
        {
            snapshot = _current;
            if (snapshot.IsInterSwitchPort(location) || !IsLive(snapshot, location))
            {
                return false;
            }

            known = snapshot.FindHost(mac);
            var host = new Host(
                mac, vlanId, location,
                Merge(known?.Ipv4 ?? [], ipv4),
                Merge(known?.Ipv6 ?? [], ipv6),
                known?.FirstSeen ?? now,
                now);
            var change = new Change(this, now);
            change.Hosts = change.Hosts.SetItem(mac, host);
            _hostIndex.Set(mac, new HostEntry(host, now.UtcTicks));
            if (known is null)
            {
                change.Add(v => new HostAdded(now, v, host));
            }
            else if (known.Location != location)
            {
                change.Add(v => new HostMoved(now, v, host, known.Location));
            }
            else if (!known.Ipv4.SequenceEqual(host.Ipv4) || !known.Ipv6.SequenceEqual(host.Ipv6))
            {
                change.Add(v => new HostAddressesChanged(now, v, host));
            }

            change.Commit();
            return true;
        }
    }

    private static ImmutableArray<T> Merge<T>(ImmutableArray<T> addresses, T? address)
        where T : struct
    {
        if (address is not { } a || addresses.Contains(a))
        {
            return addresses;
        }

        var merged = addresses.Add(a);
        return merged.Length > Host.MaxAddresses ? merged.RemoveAt(0) : merged;
    }

    /// <summary>
    /// What a packet-in from <paramref name="mac"/> at <paramref name="location"/> can teach, with one lock-free lookup:
    /// nothing when the host is known there and was seen within the second, or when it is unknown and
    /// <see cref="TopologyOptions.MaxHosts"/> hosts are known; otherwise the packet is worth parsing.
    /// </summary>
    public bool WorthParsing(MacAddress mac, SwitchPort location)
    {
        if (_hostIndex.TryGetValue(mac, out var entry))
        {
            return entry.Host.Location != location || CoarseUtcTicks() - entry.SeenTicks >= HostRefresh.Ticks;
        }

        return _hostIndex.Count < _options.MaxHosts;
    }

    /// <summary>
    /// Now in UTC ticks for the known-host check, which only needs second resolution: with the system clock, read at
    /// most once per step of <see cref="Environment.TickCount64"/> (1–4 ms) and cached, because a clock read cost
    /// 33–40 ns on the test VM (8 ns for the tick count), once per packet-in from a known host. Another
    /// <see cref="TimeProvider"/> (tests) is read every time. Racing threads may see a value one step old.
    /// </summary>
    private long CoarseUtcTicks()
    {
        if (!ReferenceEquals(_time, TimeProvider.System))
        {
            return _time.GetUtcNow().UtcTicks;
        }

        var tick = Environment.TickCount64;
        if (tick == Volatile.Read(ref _clockTick))
        {
            return Volatile.Read(ref _clockUtcTicks);
        }

        var now = _time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _clockUtcTicks, now); // before the tick: a reader that sees the new tick sees this value
        Volatile.Write(ref _clockTick, tick);
        return now;
    }

    /// <summary>A known host and its latest sighting (UTC ticks, updated in place without the lock).</summary>
    private sealed class HostEntry(Host host, long seenTicks)
    {
        private long _seenTicks = seenTicks;

        public Host Host { get; } = host;

        public long SeenTicks => Volatile.Read(ref _seenTicks);

        public void Touch(long nowTicks, long refreshTicks)
        {
            if (nowTicks - SeenTicks >= refreshTicks)
            {
                Volatile.Write(ref _seenTicks, nowTicks);
            }
        }
    }

    /// <summary>When a packet from host <paramref name="mac"/> was last seen (UTC, 1 s resolution), or null for an unknown host.</summary>
    public DateTimeOffset? LastSeen(MacAddress mac) =>
        _hostIndex.TryGetValue(mac, out var entry) ? new DateTimeOffset(entry.SeenTicks, TimeSpan.Zero) : null;

    /// <summary>
    /// Ages the topology: removes links not refreshed within <see cref="TopologyOptions.LinkTimeoutSpan"/> and hosts
    /// not seen within <see cref="TopologyOptions.HostTimeoutSpan"/>. Called by the discovery loop every probe round.
    /// </summary>
    public void Expire()
    {
        lock (_gate)
        {
            var change = new Change(this, _time.GetUtcNow());
            foreach (var (link, downAt) in _linkDownAt.Where(d => change.Now - d.Value >= _options.LinkHoldDownSpan).ToList())
            {
                _linkDownAt.Remove(link);
            }

            foreach (var link in change.Links)
            {
                if (!_linkSeen.TryGetValue(link, out var seen) || change.Now - seen > _options.LinkTimeoutSpan)
                {
                    change.RemoveLink(link, "timeout");
                }
            }

            if (change.Now > _noHostExpiresBefore)
            {
                var oldest = change.Now;
                foreach (var host in change.Hosts.Values)
                {
                    var seen = LastSeen(host.Mac) ?? host.LastSeen;
                    if (change.Now - seen > _options.HostTimeoutSpan)
                    {
                        change.RemoveHost(host, "timeout");
                    }
                    else if (seen < oldest)
                    {
                        oldest = seen;
                    }
                }

                _noHostExpiresBefore = oldest + _options.HostTimeoutSpan;
            }

            change.Commit();
        }
    }

    private static bool IsLive(TopologySnapshot snapshot, SwitchPort port) =>
        snapshot.Switches.TryGetValue(port.Dpid, out var sw) && sw.IsLive(port.Port);

    /// <summary>One writer's pending change: new collections plus the events they cause, committed together.</summary>
    private sealed class Change(TopologyService owner, DateTimeOffset now)
    {
        private readonly List<Func<long, TopologyEvent>> _events = [];
        private bool _dirty;

        public DateTimeOffset Now { get; } = now;

        public ImmutableDictionary<DatapathId, SwitchInfo> Switches { get; set => (field, _dirty) = (value, true); } = owner._current.Switches;

        public ImmutableSortedSet<Link> Links { get; set => (field, _dirty) = (value, true); } = owner._current.Links;

        public ImmutableDictionary<MacAddress, Host> Hosts { get; set => (field, _dirty) = (value, true); } = owner._current.Hosts;

        public void Add(Func<long, TopologyEvent> evt) => _events.Add(evt);

        public bool RemoveSwitch(DatapathId dpid, string reason)
        {
            if (!Switches.ContainsKey(dpid))
            {
                return false;
            }

            foreach (var link in Links.Where(l => l.Source.Dpid == dpid || l.Destination.Dpid == dpid).ToList())
            {
                RemoveLink(link, "switch down");
            }

            foreach (var host in Hosts.Values.Where(h => h.Location.Dpid == dpid).ToList())
            {
                RemoveHost(host, "switch down");
            }

            Switches = Switches.Remove(dpid);
            Add(v => new SwitchDown(Now, v, dpid, reason));
            return true;
        }

        public void RemoveLinksAt(SwitchPort port, string reason)
        {
            foreach (var link in Links.Where(l => l.Touches(port)).ToList())
            {
                RemoveLink(link, reason);
            }

            // The peer's direction: a link whose other end is this port's peer also ends here (covered by Touches).
        }

        public void RemoveLink(Link link, string reason)
        {
            if (Links.Contains(link))
            {
                Links = Links.Remove(link);
                owner._linkSeen.Remove(link);
                owner._linkDownAt[link] = Now;
                Add(v => new LinkDown(Now, v, link, reason));
            }
        }

        public void RemoveHostsAt(SwitchPort port, string reason)
        {
            foreach (var host in Hosts.Values.Where(h => h.Location == port).ToList())
            {
                RemoveHost(host, reason);
            }
        }

        public void RemoveHost(Host host, string reason)
        {
            if (Hosts.ContainsKey(host.Mac))
            {
                Hosts = Hosts.Remove(host.Mac);
                owner._hostIndex.Remove(host.Mac);
                Add(v => new HostRemoved(Now, v, host, reason));
            }
        }

        public void Commit()
        {
            if (!_dirty && _events.Count == 0)
            {
                return;
            }

            var version = owner._current.Version + 1;
            Volatile.Write(ref owner._current, new TopologySnapshot(version, Switches, Links, Hosts));
            foreach (var evt in _events)
            {
                var e = evt(version);
                if (owner._log.IsEnabled(LogLevel.Information) && e is not HostAdded)
                {
                    owner._log.LogInformation("Topology v{Version}: {Event}", version, e);
                }

                owner._bus.Publish(e);
            }
        }
    }
}
