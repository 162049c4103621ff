namespace Sdn.Controller.Topology.Graph.Search;

/// <summary>
/// Working arrays of one search, reused across searches without clearing: a switch or link counts as reached,
/// settled or blocked only when its stamp equals the current search's (or block set's) number.
/// One instance serves one thread at a time (<see cref="PathGraph"/> hands them out).
/// </summary>
internal sealed class SearchState
{
    private readonly int[] _reached;
    private readonly int[] _settled;
    private readonly int[] _nodeBlocked;
    private readonly int[] _edgeBlocked;
    private int _search;
    private int _blocks = 1;

    public SearchState(int nodes, int edges)
    {
        _reached = new int[nodes];
        _settled = new int[nodes];
        _nodeBlocked = new int[nodes];
        _edgeBlocked = new int[edges];
        Cost = new double[nodes];
        Hops = new int[nodes];
        PredEdge = new int[nodes];
    }

    /// <summary>Cost from the source of each reached switch.</summary>
    public double[] Cost { get; }

    /// <summary>Links from the source of each reached switch.</summary>
    public int[] Hops { get; }

    /// <summary>The link by which each reached switch is reached; -1 for the source.</summary>
    public int[] PredEdge { get; }

    /// <summary>Switches waiting to be settled.</summary>
    public PriorityQueue<int, SearchKey> Queue { get; } = new();

    /// <summary>Forgets reached and settled switches (not the blocks).</summary>
    public void NewSearch()
    {
        _search = NextStamp(_search, _reached, _settled);
        Queue.Clear();
    }

    /// <summary>Unblocks every switch and link.</summary>
    public void ClearBlocks() => _blocks = NextStamp(_blocks, _nodeBlocked, _edgeBlocked);

    /// <summary>Blocks what <paramref name="set"/> excludes (nothing for null).</summary>
    public void Block(ExclusionSet? set)
    {
        if (set is null)
        {
            return;
        }

        foreach (var e in set.EdgeIndices)
        {
            BlockEdge(e);
        }

        foreach (var v in set.NodeIndices)
        {
            BlockNode(v);
        }
    }

    public void BlockNode(int v) => _nodeBlocked[v] = _blocks;

    public void BlockEdge(int e) => _edgeBlocked[e] = _blocks;

    public bool IsNodeBlocked(int v) => _nodeBlocked[v] == _blocks;

    public bool IsEdgeBlocked(int e) => _edgeBlocked[e] == _blocks;

    public bool IsReached(int v) => _reached[v] == _search;

    public bool IsSettled(int v) => _settled[v] == _search;

    public void Settle(int v) => _settled[v] = _search;

    /// <summary>Records the best way found so far to <paramref name="v"/>.</summary>
    public void Reach(int v, double cost, int hops, int predEdge)
    {
        _reached[v] = _search;
        Cost[v] = cost;
        Hops[v] = hops;
        PredEdge[v] = predEdge;
    }

    /// <summary>The stamp after <paramref name="stamp"/>; on wrap-around, zeroes the arrays and starts again at 1.</summary>
    private static int NextStamp(int stamp, int[] first, int[] second)
    {
        if (stamp < int.MaxValue)
        {
            return stamp + 1;
        }

        Array.Clear(first);
        Array.Clear(second);
        return 1;
    }

    /// <summary>The links from the search's source to <paramref name="v"/> (which must be reached), in path order.</summary>
    public int[] EdgesTo(int v, int[] edgeSource)
    {
        var edges = new int[Hops[v]];
        for (var i = edges.Length - 1; i >= 0; i--)
        {
            edges[i] = PredEdge[v];
            v = edgeSource[edges[i]];
        }

        return edges;
    }
}
