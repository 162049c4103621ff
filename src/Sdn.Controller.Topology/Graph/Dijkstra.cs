using Sdn.Controller.Topology.Graph.Search;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// Shortest paths by Dijkstra's algorithm (Dijkstra 1959), O((n + m) log n) per query with a binary heap.
/// </summary>
/// <remarks>
/// <para><b>Which path among equals (the tie-break rule, used by every query of this library):</b> paths are
/// ordered by (1) cost, the sum of link weights added from the source; then (2) the number of links; then
/// (3) lexicographically by their links from the source, each link compared by (source dpid, source port,
/// target dpid, target port) as unsigned numbers. The result is the first path in this order, so it does not
/// depend on the order the links were given in, and flows stay put while the topology does. Costs are compared
/// as the doubles the additions give; with integer weights (e.g. hop count) ties are exact.</para>
/// <para>Unknown or excluded switches and unreachable destinations give null, never an exception.</para>
/// </remarks>
public static class Dijkstra
{
    /// <summary>The best path from <paramref name="source"/> to <paramref name="destination"/> (see the tie-break rule).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">First switch.</param>
    /// <param name="destination">Last switch; equal to the source gives the trivial path (no links, cost 0).</param>
    /// <param name="excluded">Links and switches not to use (<see cref="PathGraph.Exclude"/>); null for none.</param>
    /// <returns>The path, or null when either switch is unknown or excluded or no path avoids the exclusions.</returns>
    /// <exception cref="ArgumentException"><paramref name="excluded"/> was made by another graph.</exception>
    public static NetworkPath? ShortestPath(this PathGraph graph, DatapathId source, DatapathId destination, ExclusionSet? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ExclusionSet.CheckGraph(excluded, graph, nameof(excluded));
        int s = graph.IndexOf(source), t = graph.IndexOf(destination);
        if (s < 0 || t < 0)
        {
            return null;
        }

        return BestPath(graph, s, t, excluded, null);
    }

    /// <summary>
    /// The best paths from <paramref name="source"/> to every switch at once: one search, O((n + m) log n).
    /// Each tree path equals <see cref="ShortestPath"/> for the same pair and exclusions.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">The root.</param>
    /// <param name="excluded">Links and switches not to use; null for none.</param>
    /// <returns>The tree, or null when <paramref name="source"/> is unknown or excluded.</returns>
    /// <exception cref="ArgumentException"><paramref name="excluded"/> was made by another graph.</exception>
    public static ShortestPathTree? ShortestPathTree(this PathGraph graph, DatapathId source, ExclusionSet? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ExclusionSet.CheckGraph(excluded, graph, nameof(excluded));
        var s = graph.IndexOf(source);
        if (s < 0)
        {
            return null;
        }

        var state = graph.RentState();
        try
        {
            state.Block(excluded);
            if (state.IsNodeBlocked(s))
            {
                return null;
            }

            DijkstraSearch.Run(graph, state, s, -1);
            return new ShortestPathTree(graph, s, state);
        }
        finally
        {
            graph.ReturnState(state);
        }
    }

    /// <summary>The best path between switch indices avoiding both sets (either may be null); null when none.</summary>
    internal static NetworkPath? BestPath(PathGraph graph, int s, int t, ExclusionSet? excluded, ExclusionSet? alsoExcluded)
    {
        var state = graph.RentState();
        try
        {
            state.Block(excluded);
            state.Block(alsoExcluded);
            return DijkstraSearch.Run(graph, state, s, t) ? graph.ToPath(s, state.EdgesTo(t, graph.EdgeSource)) : null;
        }
        finally
        {
            graph.ReturnState(state);
        }
    }
}
