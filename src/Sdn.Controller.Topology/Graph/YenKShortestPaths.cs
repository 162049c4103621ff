using Sdn.Controller.Topology.Graph.Search;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// The k best loopless paths between two switches by Yen's algorithm (Yen 1971): each new path leaves an
/// earlier one at a spur switch and takes the best way on that avoids the earlier paths' next links from the same
/// root and the root's switches. Up to k·(path length) Dijkstra searches, each O((n + m) log n).
/// </summary>
public static class YenKShortestPaths
{
    /// <summary>
    /// The first <paramref name="k"/> loopless paths from <paramref name="source"/> to <paramref name="destination"/>
    /// in the order of the <see cref="Dijkstra"/> tie-break rule: cost non-decreasing, all distinct (as link lists,
    /// so parallel links give distinct paths), no switch twice. The first is <see cref="Dijkstra.ShortestPath"/>.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">First switch.</param>
    /// <param name="destination">Last switch; equal to the source gives just the trivial path.</param>
    /// <param name="k">How many paths at most; 0 gives none.</param>
    /// <param name="excluded">Links and switches not to use; null for none.</param>
    /// <returns>Up to k paths; fewer when there are fewer loopless paths; empty when none (or a switch is unknown or excluded).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="excluded"/> was made by another graph.</exception>
    public static IReadOnlyList<NetworkPath> KShortestPaths(
        this PathGraph graph, DatapathId source, DatapathId destination, int k, ExclusionSet? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ExclusionSet.CheckGraph(excluded, graph, nameof(excluded));
        int s = graph.IndexOf(source), t = graph.IndexOf(destination);
        if (s < 0 || t < 0 || k == 0)
        {
            return [];
        }

        var state = graph.RentState();
        try
        {
            return [.. Search(graph, state, s, t, k, excluded).Select(p => graph.ToPath(s, p.Edges))];
        }
        finally
        {
            graph.ReturnState(state);
        }
    }

    private static List<CandidatePath> Search(PathGraph graph, SearchState state, int s, int t, int k, ExclusionSet? excluded)
    {
        var accepted = new List<CandidatePath>(k);
        state.Block(excluded);
        if (!DijkstraSearch.Run(graph, state, s, t))
        {
            return accepted;
        }

        accepted.Add(CandidatePath.Of(state.EdgesTo(t, graph.EdgeSource), graph.EdgeWeight));
        var candidates = new SortedSet<CandidatePath>();
        var seen = new HashSet<CandidatePath>(accepted);
        while (accepted.Count < k)
        {
            var previous = accepted[^1].Edges;
            for (var i = 0; i < previous.Length; i++)
            {
                var spur = SpurPath(graph, state, s, t, i, previous, accepted, excluded);
                if (spur is not null && seen.Add(spur))
                {
                    candidates.Add(spur);
                }
            }

            if (candidates.Count == 0)
            {
                break;
            }

            var best = candidates.Min!;
            candidates.Remove(best);
            accepted.Add(best);
        }

        return accepted;
    }

    /// <summary>
    /// The best path that follows <paramref name="previous"/>'s first <paramref name="i"/> links (the root), then
    /// leaves by a link no accepted path with the same root took, without revisiting a root switch; null if none.
    /// </summary>
    private static CandidatePath? SpurPath(
        PathGraph graph, SearchState state, int s, int t, int i, int[] previous, List<CandidatePath> accepted, ExclusionSet? excluded)
    {
        var root = previous.AsSpan(0, i);
        state.ClearBlocks();
        state.Block(excluded);
        foreach (var path in accepted)
        {
            if (path.Edges.Length > i && path.Edges.AsSpan(0, i).SequenceEqual(root))
            {
                state.BlockEdge(path.Edges[i]);
            }
        }

        var spurNode = s;
        foreach (var e in root)
        {
            state.BlockNode(spurNode);
            spurNode = graph.EdgeTarget[e];
        }

        if (!DijkstraSearch.Run(graph, state, spurNode, t))
        {
            return null;
        }

        return CandidatePath.Of([.. root, .. state.EdgesTo(t, graph.EdgeSource)], graph.EdgeWeight);
    }
}
