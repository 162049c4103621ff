namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// Minimum spanning forest by Kruskal's algorithm (Kruskal 1956) with union-find (path halving, union by size):
/// O(m log m).
/// </summary>
public static class KruskalSpanningForest
{
    /// <summary>
    /// The minimum spanning forest of the undirected graph of cables. A cable is a link whose exact reverse (ports
    /// swapped) is also in the graph — a link seen one way only does not count, nor does a self-link. Its weight is
    /// the larger of the two directions' weights. Ties are broken by the cable's lower-dpid direction in the graph's
    /// link order, so the forest is deterministic.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="excluded">Links and switches not to use (a cable is out if either direction is); null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="excluded"/> was made by another graph.</exception>
    public static SpanningForest MinimumSpanningForest(this PathGraph graph, ExclusionSet? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ExclusionSet.CheckGraph(excluded, graph, nameof(excluded));
        var blocked = new HashSet<int>(excluded?.EdgeIndices ?? []);
        var blockedNodes = new HashSet<int>(excluded?.NodeIndices ?? []);
        var cables = new List<(double Weight, int Edge)>();
        for (var e = 0; e < graph.LinkArray.Length; e++)
        {
            int r = graph.ReverseEdge[e], a = graph.EdgeSource[e], b = graph.EdgeTarget[e];
            if (r >= 0 && a < b && !blocked.Contains(e) && !blocked.Contains(r) && !blockedNodes.Contains(a) && !blockedNodes.Contains(b))
            {
                cables.Add((Math.Max(graph.EdgeWeight[e], graph.EdgeWeight[r]), e));
            }
        }

        cables.Sort();
        var parent = Enumerable.Range(0, graph.SwitchCount).ToArray();
        var size = Enumerable.Repeat(1, graph.SwitchCount).ToArray();
        var tree = new List<GraphLink>();
        foreach (var (weight, e) in cables)
        {
            int a = Find(parent, graph.EdgeSource[e]), b = Find(parent, graph.EdgeTarget[e]);
            if (a == b)
            {
                continue;
            }

            (a, b) = size[a] < size[b] ? (b, a) : (a, b);
            parent[b] = a;
            size[a] += size[b];
            tree.Add(graph.LinkArray[e] with { Weight = weight });
        }

        return new SpanningForest([.. tree], graph.SwitchCount - tree.Count);
    }

    private static int Find(int[] parent, int v)
    {
        while (parent[v] != v)
        {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }

        return v;
    }
}
