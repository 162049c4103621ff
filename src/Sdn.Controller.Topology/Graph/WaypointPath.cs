using System.Collections.Immutable;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// The best loop-free path from a source through a waypoint switch to a destination. Concatenating the shortest path
/// to the waypoint with the shortest path from it may cross a switch twice (a loop, which per-switch flows that match
/// only the host pair cannot express); then the best simple path through the waypoint is found exactly as a
/// minimum-cost flow of two units from the waypoint to the two ends over switches of capacity 1 (Suurballe 1974 on
/// the node-split graph, successive shortest paths with Bellman-Ford): two switch-disjoint paths waypoint→source and
/// waypoint→destination are exactly a simple source→waypoint→destination path once the first is turned around.
/// </summary>
/// <remarks>
/// Turning a path around needs the same cable in the other direction at the same cost, so the search uses cables
/// only: a link is used when its reverse is in the graph with the same weight and neither direction is excluded.
/// Graphs built from discovered topologies (every cable both ways, weight 1) lose nothing. O(n·m) per query.
/// </remarks>
public static class WaypointPath
{
    /// <summary>
    /// The least-cost simple path from <paramref name="source"/> through <paramref name="waypoint"/> to
    /// <paramref name="destination"/>. When the shortest path to the waypoint followed by the shortest path from it
    /// (both under the <see cref="Dijkstra"/> tie-break rule) is simple, that is the answer; otherwise the minimum-cost
    /// flow gives a simple path of least cost (deterministic for a given graph).
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">First switch.</param>
    /// <param name="waypoint">The switch the path must cross; equal to the source or the destination gives <see cref="Dijkstra.ShortestPath"/>.</param>
    /// <param name="destination">Last switch.</param>
    /// <param name="excluded">Links and switches not to use (<see cref="PathGraph.Exclude"/>); null for none.</param>
    /// <returns>
    /// The path; null when a switch is unknown or excluded, when source and destination are the same switch and the
    /// waypoint is another one (every such path is a loop), or when no simple path crosses the waypoint.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="excluded"/> was made by another graph.</exception>
    public static NetworkPath? ShortestPathVia(this PathGraph graph, DatapathId source, DatapathId waypoint, DatapathId destination, ExclusionSet? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ExclusionSet.CheckGraph(excluded, graph, nameof(excluded));
        if (waypoint == source || waypoint == destination)
        {
            return graph.ShortestPath(source, destination, excluded);
        }

        int s = graph.IndexOf(source), w = graph.IndexOf(waypoint), t = graph.IndexOf(destination);
        if (s < 0 || w < 0 || t < 0 || s == t)
        {
            return null;
        }

        var cables = CablesOnly(graph, excluded);
        if (Dijkstra.BestPath(graph, s, w, cables, null) is not { } toWaypoint
            || Dijkstra.BestPath(graph, w, t, cables, null) is not { } fromWaypoint)
        {
            return null;
        }

        var joined = new NetworkPath(source, [.. toWaypoint.Links, .. fromWaypoint.Links]);
        return joined.IsSimple() ? joined : new DisjointFlow(graph, cables, w).Join(s, t);
    }

    /// <summary><paramref name="excluded"/> plus every link that is not half of a usable cable (reverse missing, excluded, or of another weight) and every self-link.</summary>
    private static ExclusionSet CablesOnly(PathGraph graph, ExclusionSet? excluded)
    {
        var blocked = new bool[graph.LinkArray.Length];
        foreach (var e in excluded?.EdgeIndices ?? [])
        {
            blocked[e] = true;
        }

        var edges = new List<int>();
        for (var e = 0; e < blocked.Length; e++)
        {
            var r = graph.ReverseEdge[e];
            if (blocked[e] || r < 0 || blocked[r] || graph.EdgeWeight[r] != graph.EdgeWeight[e] || graph.EdgeSource[e] == graph.EdgeTarget[e])
            {
                edges.Add(e);
            }
        }

        return new ExclusionSet(graph, [.. edges], excluded?.NodeIndices ?? ImmutableArray<int>.Empty);
    }

    /// <summary>
    /// The node-split residual network: switch i is arc 2i (in) → 2i+1 (out) of capacity 1 (the waypoint has no in
    /// side: nothing may enter it), each usable link u→v an arc 2u+1 → 2v of capacity 1 at the link's weight, and both
    /// ends' out sides an arc to the sink 2n.
    /// </summary>
    private sealed class DisjointFlow
    {
        private readonly PathGraph _graph;
        private readonly List<int> _to = [];
        private readonly List<int> _cap = [];
        private readonly List<double> _cost = [];
        private readonly List<int> _edge = [];
        private readonly List<int>[] _out;
        private readonly int _waypoint;
        private readonly int _sink;

        public DisjointFlow(PathGraph graph, ExclusionSet usable, int waypoint)
        {
            _graph = graph;
            _waypoint = waypoint;
            _sink = 2 * graph.SwitchCount;
            _out = [.. Enumerable.Range(0, _sink + 1).Select(_ => new List<int>())];
            var blockedEdge = usable.EdgeIndices.ToHashSet();
            var blockedNode = usable.NodeIndices.ToHashSet();
            for (var i = 0; i < graph.SwitchCount; i++)
            {
                if (i != waypoint && !blockedNode.Contains(i))
                {
                    Arc(2 * i, (2 * i) + 1, 0, -1);
                }
            }

            for (var e = 0; e < graph.LinkArray.Length; e++)
            {
                int u = graph.EdgeSource[e], v = graph.EdgeTarget[e];
                if (!blockedEdge.Contains(e) && v != waypoint && !blockedNode.Contains(u) && !blockedNode.Contains(v))
                {
                    Arc((2 * u) + 1, 2 * v, graph.EdgeWeight[e], e);
                }
            }
        }

        /// <summary>Two units from the waypoint to <paramref name="s"/> and <paramref name="t"/>, joined into s → waypoint → t; null when there are no two switch-disjoint paths.</summary>
        public NetworkPath? Join(int s, int t)
        {
            Arc((2 * s) + 1, _sink, 0, -1);
            Arc((2 * t) + 1, _sink, 0, -1);
            if (!Augment() || !Augment())
            {
                return null;
            }

            var used = new HashSet<int>();
            var (endA, linksA) = Walk(used);
            var (_, linksB) = Walk(used);
            var (toS, toT) = endA == s ? (linksA, linksB) : (linksB, linksA);
            var edges = Enumerable.Reverse(toS).Select(e => _graph.ReverseEdge[e]).Concat(toT);
            return _graph.ToPath(s, edges);
        }

        private void Arc(int from, int to, double cost, int edge)
        {
            Half(from, to, cost, edge, 1);
            Half(to, from, -cost, edge, 0);
        }

        private void Half(int from, int to, double cost, int edge, int capacity)
        {
            _out[from].Add(_to.Count);
            _to.Add(to);
            _cap.Add(capacity);
            _cost.Add(cost);
            _edge.Add(edge);
        }

        /// <summary>One unit along a cheapest residual path (Bellman-Ford: residual arcs cost less than 0; at most |V| rounds).</summary>
        private bool Augment()
        {
            var dist = Enumerable.Repeat(double.PositiveInfinity, _sink + 1).ToArray();
            var via = Enumerable.Repeat(-1, _sink + 1).ToArray();
            dist[(2 * _waypoint) + 1] = 0;
            for (var round = 0; round <= _sink; round++)
            {
                var changed = false;
                for (var x = 0; x <= _sink; x++)
                {
                    if (double.IsPositiveInfinity(dist[x]))
                    {
                        continue;
                    }

                    foreach (var a in _out[x])
                    {
                        var d = dist[x] + _cost[a];
                        var y = _to[a];
                        if (_cap[a] > 0 && d < dist[y] - (1e-12 * (1 + Math.Abs(d))))
                        {
                            dist[y] = d;
                            via[y] = a;
                            changed = true;
                        }
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            if (via[_sink] < 0)
            {
                return false;
            }

            for (var y = _sink; y != (2 * _waypoint) + 1; y = _to[via[y] ^ 1])
            {
                _cap[via[y]]--;
                _cap[via[y] ^ 1]++;
            }

            return true;
        }

        /// <summary>Follows one unit of flow from the waypoint to the sink: the switch it ends at and the links it crosses.</summary>
        private (int End, List<int> Links) Walk(HashSet<int> used)
        {
            var links = new List<int>();
            var x = (2 * _waypoint) + 1;
            var last = _waypoint;
            for (var steps = 0; x != _sink && steps <= _sink; steps++)
            {
                var a = _out[x].First(a => a % 2 == 0 && _cap[a] == 0 && !used.Contains(a));
                used.Add(a);
                if (_edge[a] >= 0)
                {
                    links.Add(_edge[a]);
                }

                last = x / 2;
                x = _to[a];
            }

            return (last, links);
        }
    }
}
