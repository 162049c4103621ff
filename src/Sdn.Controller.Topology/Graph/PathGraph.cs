using Sdn.Controller.Topology.Graph.Search;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// An immutable directed multigraph of switches and links, built once (<see cref="Create"/>) and queried many
/// times, from any number of threads at once. Switches are indexed 0..n-1 in ascending dpid order; links are kept
/// in compressed sparse row form, sorted by (source dpid, source port, target dpid, target port) — the order in
/// which the searches break ties (see <see cref="Dijkstra"/>).
/// </summary>
/// <remarks>
/// Queries: <see cref="Dijkstra.ShortestPath"/>, <see cref="Dijkstra.ShortestPathTree"/>,
/// <see cref="YenKShortestPaths.KShortestPaths"/>, <see cref="DisjointBackupPath.BackupPath"/>,
/// <see cref="KruskalSpanningForest.MinimumSpanningForest"/>; links or switches to avoid without rebuilding the graph:
/// <see cref="Exclude"/>.
/// </remarks>
public sealed partial class PathGraph
{
    private readonly Dictionary<DatapathId, int> _switchIndex;
    private readonly Dictionary<(DatapathId, PortNumber, DatapathId, PortNumber), int> _linkIndex;
    private SearchState? _spareState;

    private PathGraph(DatapathId[] switches, GraphLink[] links)
    {
        SwitchArray = switches;
        LinkArray = links;
        Switches = Array.AsReadOnly(switches);
        Links = Array.AsReadOnly(links);
        _switchIndex = new Dictionary<DatapathId, int>(switches.Length);
        for (var i = 0; i < switches.Length; i++)
        {
            _switchIndex.Add(switches[i], i);
        }

        _linkIndex = new Dictionary<(DatapathId, PortNumber, DatapathId, PortNumber), int>(links.Length);
        EdgeSource = new int[links.Length];
        EdgeTarget = new int[links.Length];
        EdgeWeight = new double[links.Length];
        RowStart = new int[switches.Length + 1];
        for (var e = 0; e < links.Length; e++)
        {
            var link = links[e];
            _linkIndex.Add(Key(link), e);
            EdgeSource[e] = _switchIndex[link.Source];
            EdgeTarget[e] = _switchIndex[link.Target];
            EdgeWeight[e] = link.Weight;
            RowStart[EdgeSource[e] + 1]++;
        }

        for (var i = 0; i < switches.Length; i++)
        {
            RowStart[i + 1] += RowStart[i];
        }

        ReverseEdge = new int[links.Length];
        for (var e = 0; e < links.Length; e++)
        {
            ReverseEdge[e] = _linkIndex.GetValueOrDefault(Key(links[e].Reverse()), -1);
        }
    }

    /// <summary>
    /// Builds the graph of <paramref name="links"/> and their end switches, plus <paramref name="switches"/> (which
    /// may include switches with no links). Self-links are kept but never lie on a path or spanning tree.
    /// </summary>
    /// <param name="links">Directed links; a cable used both ways is two links.</param>
    /// <param name="switches">Extra switches, e.g. isolated ones; null for none.</param>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite, or two links have the same four endpoints.</exception>
    public static PathGraph Create(IEnumerable<GraphLink> links, IEnumerable<DatapathId>? switches = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        var linkArray = links.ToArray();
        foreach (var link in linkArray)
        {
            GraphLink.CheckWeight(link.Weight, nameof(links));
        }

        Array.Sort(linkArray, CompareEndpoints);
        for (var i = 1; i < linkArray.Length; i++)
        {
            if (linkArray[i].SameEndpoints(linkArray[i - 1]))
            {
                throw new ArgumentException($"Link {linkArray[i]} is given twice.", nameof(links));
            }
        }

        var nodes = new SortedSet<DatapathId>(Comparer<DatapathId>.Create((a, b) => a.Value.CompareTo(b.Value)));
        nodes.UnionWith(switches ?? []);
        nodes.UnionWith(linkArray.Select(l => l.Source));
        nodes.UnionWith(linkArray.Select(l => l.Target));
        return new PathGraph([.. nodes], linkArray);
    }

    /// <summary>All switches, in ascending dpid order.</summary>
    public IReadOnlyList<DatapathId> Switches { get; }

    /// <summary>All links, sorted by (source dpid, source port, target dpid, target port).</summary>
    public IReadOnlyList<GraphLink> Links { get; }

    /// <summary>True when <paramref name="dpid"/> is a switch of the graph.</summary>
    /// <param name="dpid">The switch.</param>
    public bool Contains(DatapathId dpid) => _switchIndex.ContainsKey(dpid);

    /// <summary>Finds the link with these four endpoints (the weight is not part of the key).</summary>
    /// <param name="link">The endpoints to look for; its weight is ignored.</param>
    /// <param name="found">The graph's link, with its weight; default when not found.</param>
    /// <returns>False when the graph has no such link.</returns>
    public bool TryGetLink(GraphLink link, out GraphLink found)
    {
        var ok = _linkIndex.TryGetValue(Key(link), out var e);
        found = ok ? LinkArray[e] : default;
        return ok;
    }

    /// <summary>The links leaving <paramref name="dpid"/>, in (source port, target dpid, target port) order; empty for an unknown switch.</summary>
    /// <param name="dpid">The switch.</param>
    public IReadOnlyList<GraphLink> LinksFrom(DatapathId dpid) =>
        _switchIndex.TryGetValue(dpid, out var i) ? LinkArray[RowStart[i]..RowStart[i + 1]] : [];

    /// <summary>The switches (index order = dpid order).</summary>
    internal DatapathId[] SwitchArray { get; }

    /// <summary>The links (index order = link order).</summary>
    internal GraphLink[] LinkArray { get; }

    /// <summary>Index of each link's source switch.</summary>
    internal int[] EdgeSource { get; }

    /// <summary>Index of each link's target switch.</summary>
    internal int[] EdgeTarget { get; }

    /// <summary>Each link's weight.</summary>
    internal double[] EdgeWeight { get; }

    /// <summary>Index of the link with swapped endpoints (the same cable's other direction), or -1.</summary>
    internal int[] ReverseEdge { get; }

    /// <summary>Links of switch i are RowStart[i] up to (not including) RowStart[i + 1].</summary>
    internal int[] RowStart { get; }

    /// <summary>The number of switches.</summary>
    internal int SwitchCount => SwitchArray.Length;

    /// <summary>The index of <paramref name="dpid"/>, or -1 when unknown.</summary>
    internal int IndexOf(DatapathId dpid) => _switchIndex.GetValueOrDefault(dpid, -1);

    /// <summary>The index of the link with <paramref name="link"/>'s endpoints, or -1.</summary>
    internal int IndexOf(GraphLink link) => _linkIndex.GetValueOrDefault(Key(link), -1);

    /// <summary>Builds the public path for a list of link indices starting at switch index <paramref name="source"/>.</summary>
    internal NetworkPath ToPath(int source, IEnumerable<int> edges) => new(SwitchArray[source], edges.Select(e => LinkArray[e]));

    /// <summary>
    /// Working arrays for one search, with nothing blocked; give them back with <see cref="ReturnState"/>. One spare
    /// is kept, so sequential queries allocate nothing for them and concurrent ones each get their own.
    /// </summary>
    internal SearchState RentState() => Interlocked.Exchange(ref _spareState, null) ?? new SearchState(SwitchCount, LinkArray.Length);

    /// <summary>Keeps <paramref name="state"/> as the spare, its blocks cleared.</summary>
    internal void ReturnState(SearchState state)
    {
        state.ClearBlocks();
        Volatile.Write(ref _spareState, state);
    }

    private static (DatapathId, PortNumber, DatapathId, PortNumber) Key(GraphLink l) => (l.Source, l.SourcePort, l.Target, l.TargetPort);

    private static int CompareEndpoints(GraphLink a, GraphLink b)
    {
        var c = a.Source.Value.CompareTo(b.Source.Value);
        if (c == 0)
        {
            c = a.SourcePort.Value.CompareTo(b.SourcePort.Value);
        }

        if (c == 0)
        {
            c = a.Target.Value.CompareTo(b.Target.Value);
        }

        return c != 0 ? c : a.TargetPort.Value.CompareTo(b.TargetPort.Value);
    }
}
