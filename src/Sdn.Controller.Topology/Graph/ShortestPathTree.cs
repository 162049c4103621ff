using Sdn.Controller.Topology.Graph.Search;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// The best paths from one switch to all others (Dijkstra 1959), made by <see cref="Dijkstra.ShortestPathTree"/>;
/// immutable. Every switch but the source has at most one parent link, so the tree paths are the
/// <see cref="Dijkstra"/> tie-break rule's choices.
/// </summary>
public sealed class ShortestPathTree
{
    private readonly PathGraph _graph;
    private readonly int _source;
    private readonly double[] _cost;
    private readonly int[] _parentEdge;

    internal ShortestPathTree(PathGraph graph, int source, SearchState state)
    {
        _graph = graph;
        _source = source;
        _cost = new double[graph.SwitchCount];
        _parentEdge = new int[graph.SwitchCount];
        for (var v = 0; v < _cost.Length; v++)
        {
            var reached = state.IsReached(v);
            _cost[v] = reached ? state.Cost[v] : double.PositiveInfinity;
            _parentEdge[v] = reached ? state.PredEdge[v] : -1;
        }
    }

    /// <summary>The root.</summary>
    public DatapathId Source => _graph.SwitchArray[_source];

    /// <summary>The switches with a path from the source (the source included), in ascending dpid order.</summary>
    public IEnumerable<DatapathId> ReachableSwitches =>
        Enumerable.Range(0, _cost.Length).Where(v => double.IsFinite(_cost[v])).Select(v => _graph.SwitchArray[v]);

    /// <summary>The cost of the best path to <paramref name="destination"/>.</summary>
    /// <param name="destination">A switch.</param>
    /// <param name="cost">The cost (0 for the source); +infinity when unreachable or unknown.</param>
    /// <returns>False when <paramref name="destination"/> is unknown or unreachable.</returns>
    public bool TryGetCost(DatapathId destination, out double cost)
    {
        var v = _graph.IndexOf(destination);
        cost = v >= 0 ? _cost[v] : double.PositiveInfinity;
        return double.IsFinite(cost);
    }

    /// <summary>The tree link into <paramref name="destination"/> (the last link of its path); null for the source or an unreachable or unknown switch.</summary>
    /// <param name="destination">A switch.</param>
    public GraphLink? ParentLink(DatapathId destination)
    {
        var v = _graph.IndexOf(destination);
        return v >= 0 && _parentEdge[v] >= 0 ? _graph.LinkArray[_parentEdge[v]] : null;
    }

    /// <summary>The tree path to <paramref name="destination"/>; the trivial path for the source.</summary>
    /// <param name="destination">A switch.</param>
    /// <returns>The path, or null when <paramref name="destination"/> is unknown or unreachable.</returns>
    public NetworkPath? PathTo(DatapathId destination)
    {
        var v = _graph.IndexOf(destination);
        if (v < 0 || !double.IsFinite(_cost[v]))
        {
            return null;
        }

        var edges = new Stack<int>();
        for (var at = v; at != _source; at = _graph.EdgeSource[_parentEdge[at]])
        {
            edges.Push(_parentEdge[at]);
        }

        return _graph.ToPath(_source, edges);
    }
}
