using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Paths on one graph under one <see cref="PathConstraint"/>: the primary (shortest path avoiding the constraint's
/// cables, through its waypoint when the ends differ) and the fast-failover detours (also avoiding them, and through
/// the waypoint when the failing hop comes before it). With <see cref="PathConstraint.None"/> these are exactly the
/// plain shortest path and detour. Immutable; cheap to build per path.
/// </summary>
public sealed class ConstrainedRouter
{
    private readonly PathGraph _graph;
    private readonly ExclusionSet? _avoid;

    /// <summary>A router on <paramref name="graph"/> for <paramref name="constraint"/>.</summary>
    /// <param name="graph">The topology graph.</param>
    /// <param name="constraint">The pair's constraint.</param>
    public ConstrainedRouter(PathGraph graph, PathConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(constraint);
        _graph = graph;
        Constraint = constraint;
        _avoid = constraint.Avoid.IsEmpty ? null : graph.Exclude(graph.Links.Where(l => constraint.Avoid.Any(a => a.Matches(l))));
    }

    /// <summary>The constraint.</summary>
    public PathConstraint Constraint { get; }

    /// <summary>The primary path from <paramref name="from"/> to <paramref name="to"/>, or null when the constraint leaves none.</summary>
    /// <param name="from">Ingress switch.</param>
    /// <param name="to">Egress switch.</param>
    public NetworkPath? Primary(DatapathId from, DatapathId to) => Route(from, to, _avoid, Constraint.Waypoint);

    /// <summary>
    /// The detour from hop <paramref name="hop"/>'s switch of <paramref name="primary"/> to its destination that avoids
    /// the hop's next cable (and the constraint's cables), through the waypoint when the primary has not crossed it
    /// yet at that hop; null when there is none.
    /// </summary>
    /// <param name="primary">The primary path.</param>
    /// <param name="hop">Index of the hop (0 = ingress), below the primary's hop count.</param>
    public NetworkPath? Detour(NetworkPath primary, int hop)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var excluded = _graph.Exclude([primary.Links[hop]]);
        excluded = _avoid is null ? excluded : excluded.Union(_avoid);
        var passed = Constraint.Waypoint is not { } w || primary.Switches.Take(hop + 1).Contains(w);
        return Route(primary.Switches[hop], primary.Destination, excluded, passed ? null : Constraint.Waypoint);
    }

    private NetworkPath? Route(DatapathId from, DatapathId to, ExclusionSet? excluded, DatapathId? waypoint) =>
        waypoint is { } w && from != to ? _graph.ShortestPathVia(from, w, to, excluded) : _graph.ShortestPath(from, to, excluded);
}
