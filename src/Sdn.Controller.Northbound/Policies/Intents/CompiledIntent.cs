using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>A validated <c>PathIntent</c>: which pairs it selects and its one constraint (an avoided link or a waypoint).</summary>
/// <param name="PolicyId">The policy it belongs to.</param>
/// <param name="Index">Its index in the policy's intents.</param>
/// <param name="Src">The source host selector.</param>
/// <param name="Dst">The destination host selector.</param>
/// <param name="OneWay">Only frames from <paramref name="Src"/> to <paramref name="Dst"/>; otherwise both directions.</param>
/// <param name="Avoid">The links to avoid, or null for a waypoint intent.</param>
/// <param name="Waypoint">The switch to cross, or null for an avoid-link intent.</param>
public sealed record CompiledIntent(string PolicyId, int Index, HostSelector Src, HostSelector Dst, bool OneWay, AvoidedLink? Avoid, DatapathId? Waypoint)
{
    /// <summary>The field path in its policy: <c>intents[INDEX]</c>.</summary>
    public string Field => $"intents[{Index}]";

    /// <summary>Where it comes from, e.g. "policy p1 intents[0]".</summary>
    public string Source => $"policy {PolicyId} {Field}";

    /// <summary>True when frames of <paramref name="pair"/> are selected.</summary>
    /// <param name="pair">The host pair (one direction).</param>
    /// <param name="snapshot">The topology (host IPv4 addresses).</param>
    public bool Selects(HostPair pair, TopologySnapshot snapshot) =>
        (Src.Selects(pair.Source, snapshot) && Dst.Selects(pair.Destination, snapshot))
        || (!OneWay && Src.Selects(pair.Destination, snapshot) && Dst.Selects(pair.Source, snapshot));

    /// <summary>The constraint alone, labelled with <see cref="Source"/>.</summary>
    public PathConstraint Constraint => new(Avoid is { } a ? [a] : [], Waypoint, [Source]);

    /// <summary>The selector as text, e.g. <c>* -> 10.0.0.2 (one way)</c>.</summary>
    public string SelectorText => $"{Src} {(OneWay ? "->" : "<->")} {Dst}";
}
