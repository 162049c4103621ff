using System.Collections.Immutable;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Model;

/// <summary>
/// An immutable view of the network: switches, directed links and hosts, with a version that grows by one on every
/// change. The topology service builds a new snapshot per change and swaps it atomically; readers never lock.
/// </summary>
public sealed class TopologySnapshot
{
    private readonly ImmutableHashSet<SwitchPort> _interSwitchPorts;

    /// <summary>The empty topology (version 0).</summary>
    public static TopologySnapshot Empty { get; } = new(0, ImmutableDictionary<DatapathId, SwitchInfo>.Empty, ImmutableSortedSet<Link>.Empty, ImmutableDictionary<MacAddress, Host>.Empty);

    /// <summary>Creates a snapshot.</summary>
    /// <param name="version">Monotonic version (0 = empty).</param>
    /// <param name="switches">Connected switches by dpid.</param>
    /// <param name="links">Directed links.</param>
    /// <param name="hosts">Hosts by MAC.</param>
    public TopologySnapshot(long version, ImmutableDictionary<DatapathId, SwitchInfo> switches, ImmutableSortedSet<Link> links, ImmutableDictionary<MacAddress, Host> hosts)
    {
        Version = version;
        Switches = switches;
        Links = links;
        Hosts = hosts;
        _interSwitchPorts = links.SelectMany(l => new[] { l.Source, l.Destination }).ToImmutableHashSet();
    }

    /// <summary>Monotonic version; two snapshots with the same version are the same snapshot.</summary>
    public long Version { get; }

    /// <summary>Connected (Ready) switches by dpid.</summary>
    public ImmutableDictionary<DatapathId, SwitchInfo> Switches { get; }

    /// <summary>Directed inter-switch links, ordered by source then destination.</summary>
    public ImmutableSortedSet<Link> Links { get; }

    /// <summary>Hosts by MAC address.</summary>
    public ImmutableDictionary<MacAddress, Host> Hosts { get; }

    /// <summary>True when a link starts or ends at <paramref name="port"/> (an inter-switch port, never an edge port).</summary>
    public bool IsInterSwitchPort(SwitchPort port) => _interSwitchPorts.Contains(port);

    /// <summary>Live physical ports of <paramref name="dpid"/> with no link: where hosts attach. Empty for an unknown switch.</summary>
    public IEnumerable<PortNumber> EdgePorts(DatapathId dpid) =>
        Switches.TryGetValue(dpid, out var sw) ? sw.LivePorts.Where(p => !IsInterSwitchPort(new SwitchPort(dpid, p))) : [];

    /// <summary>Links whose reverse direction is also known (working cables), each direction listed.</summary>
    public IEnumerable<Link> BidirectionalLinks => Links.Where(l => Links.Contains(l.Reverse));

    /// <summary>The host whose MAC is <paramref name="mac"/>, or null.</summary>
    public Host? FindHost(MacAddress mac) => Hosts.TryGetValue(mac, out var h) ? h : null;
}
