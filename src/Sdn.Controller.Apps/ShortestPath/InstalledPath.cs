using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>A host pair in one direction: frames from <see cref="Source"/> to <see cref="Destination"/>.</summary>
/// <param name="Source">eth_src.</param>
/// <param name="Destination">eth_dst.</param>
public readonly record struct HostPair(MacAddress Source, MacAddress Destination)
{
    /// <summary><c>src -> dst</c>.</summary>
    public override string ToString() => $"{Source} -> {Destination}";
}

/// <summary>
/// A path whose flows the app installed: one flow per hop (match eth_src + eth_dst, output the hop's out port),
/// all with <see cref="Cookie"/> so they can be found and deleted together.
/// </summary>
/// <param name="Pair">The host pair it carries.</param>
/// <param name="Cookie">The flows' cookie (app id in the top byte, path id below).</param>
/// <param name="Path">The switch-level path (links with ports).</param>
/// <param name="Hops">Per switch: in port, out port; the first hop's in port is the source host's port, the last hop's out port the destination host's.</param>
/// <param name="TopologyVersion">The snapshot version it was computed on.</param>
/// <param name="InstalledAt">When its flows were sent (UTC).</param>
/// <param name="Groups">Its fast-failover groups (switch, group id); empty without fast failover.</param>
public sealed record InstalledPath(HostPair Pair, ulong Cookie, NetworkPath Path, IReadOnlyList<Hop> Hops, long TopologyVersion, DateTimeOffset InstalledAt, IReadOnlyList<(DatapathId Switch, GroupId Group)> Groups)
{
    /// <summary>The constraint it was computed under (<see cref="PathConstraint.None"/> without path intents).</summary>
    public PathConstraint Constraint { get; init; } = PathConstraint.None;

    /// <summary>The ingress end: the first switch and the port the source host's frames enter on.</summary>
    public SwitchPort From => new(Hops[0].Switch, Hops[0].InPort);

    /// <summary>The egress end: the last switch and the destination host's port.</summary>
    public SwitchPort To => new(Hops[^1].Switch, Hops[^1].OutPort);

    /// <summary>The directed links the path uses, in order.</summary>
    public IEnumerable<Link> Links => Path.Links.Select(l => new Link(new SwitchPort(l.Source, l.SourcePort), new SwitchPort(l.Target, l.TargetPort)));

    /// <summary>The switches the path crosses, source first.</summary>
    public IReadOnlyList<DatapathId> Switches => Path.Switches;
}
