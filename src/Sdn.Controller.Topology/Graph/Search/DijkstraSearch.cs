namespace Sdn.Controller.Topology.Graph.Search;

/// <summary>
/// Dijkstra's algorithm (Dijkstra 1959) with a binary heap and lazy deletion, ordering switches by
/// <see cref="SearchKey"/> (cost, then links) and breaking the remaining ties towards the lexicographically
/// smallest list of link indices — the graph's link order, i.e. (source dpid, source port, target dpid, target
/// port) link by link from the source. O((n + m) log n).
/// </summary>
internal static class DijkstraSearch
{
    /// <summary>
    /// Searches from <paramref name="source"/> until <paramref name="target"/> is settled (or everything reachable,
    /// for target -1), avoiding the state's blocked switches and links.
    /// </summary>
    /// <returns>True when <paramref name="target"/> was reached (always false for -1).</returns>
    public static bool Run(PathGraph graph, SearchState state, int source, int target)
    {
        state.NewSearch();
        if (state.IsNodeBlocked(source))
        {
            return false;
        }

        var edgeTarget = graph.EdgeTarget;
        var edgeWeight = graph.EdgeWeight;
        var rowStart = graph.RowStart;
        state.Reach(source, 0, 0, -1);
        state.Queue.Enqueue(source, default);
        while (state.Queue.TryDequeue(out var u, out _))
        {
            if (state.IsSettled(u))
            {
                continue;
            }

            state.Settle(u);
            if (u == target)
            {
                return true;
            }

            var cost = state.Cost[u];
            var hops = state.Hops[u] + 1;
            for (var e = rowStart[u]; e < rowStart[u + 1]; e++)
            {
                var v = edgeTarget[e];
                if (state.IsSettled(v) || state.IsEdgeBlocked(e) || state.IsNodeBlocked(v))
                {
                    continue;
                }

                var key = new SearchKey(cost + edgeWeight[e], hops);
                var order = state.IsReached(v) ? key.CompareTo(new SearchKey(state.Cost[v], state.Hops[v])) : -1;
                if (order < 0)
                {
                    state.Reach(v, key.Cost, hops, e);
                    state.Queue.Enqueue(v, key);
                }
                else if (order == 0 && Precedes(graph.EdgeSource, state.PredEdge, e, state.PredEdge[v]))
                {
                    state.PredEdge[v] = e;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether (path to the start of <paramref name="e"/>) + e is lexicographically smaller than (path to the start
    /// of <paramref name="f"/>) + f, where e and f end at the same switch and both paths have the same number of
    /// links: climb both tree paths in step to their common ancestor, then compare the links leaving it.
    /// O(links of the path).
    /// </summary>
    private static bool Precedes(int[] edgeSource, int[] predEdge, int e, int f)
    {
        int a = edgeSource[e], b = edgeSource[f];
        while (a != b)
        {
            e = predEdge[a];
            f = predEdge[b];
            a = edgeSource[e];
            b = edgeSource[f];
        }

        return e < f;
    }
}
