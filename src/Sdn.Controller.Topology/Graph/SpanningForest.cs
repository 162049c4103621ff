using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// A minimum spanning forest for flooding (made by <see cref="KruskalSpanningForest.MinimumSpanningForest"/>):
/// one tree per connected part of the graph, as cables (undirected links); immutable. Flooding out of
/// <see cref="PortsOf"/> only reaches every switch once and never loops.
/// </summary>
public sealed class SpanningForest
{
    private readonly Dictionary<DatapathId, PortNumber[]> _ports;

    internal SpanningForest(GraphLink[] links, int componentCount)
    {
        Links = Array.AsReadOnly(links);
        ComponentCount = componentCount;
        TotalWeight = NetworkPath.SumWeights(links);
        _ports = links
            .SelectMany(l => new[] { (l.Source, l.SourcePort), (l.Target, l.TargetPort) })
            .GroupBy(p => p.Item1)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Item2).OrderBy(p => p.Value).ToArray());
    }

    /// <summary>
    /// The tree cables, each as its direction from the lower dpid, carrying the cable's weight (the larger of its
    /// two directions' weights); in the order Kruskal's algorithm took them.
    /// </summary>
    public IReadOnlyList<GraphLink> Links { get; }

    /// <summary>The sum of <see cref="Links"/>' weights, in that order.</summary>
    public double TotalWeight { get; }

    /// <summary>
    /// The number of trees: connected parts of the graph of two-way cables, isolated switches included
    /// (switches minus <see cref="Links"/>' count).
    /// </summary>
    public int ComponentCount { get; }

    /// <summary>The ports of <paramref name="dpid"/> on tree cables, ascending; empty for an unknown switch or one alone in its tree.</summary>
    /// <param name="dpid">A switch.</param>
    public IReadOnlyList<PortNumber> PortsOf(DatapathId dpid) => _ports.TryGetValue(dpid, out var ports) ? Array.AsReadOnly(ports) : [];
}
