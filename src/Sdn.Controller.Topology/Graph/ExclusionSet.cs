using System.Collections.Immutable;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// Links and switches of one <see cref="PathGraph"/> that a query must not use — e.g. a failed cable when
/// rerouting — so the graph need not be rebuilt. Made by <see cref="PathGraph.Exclude"/>; immutable.
/// </summary>
public sealed class ExclusionSet
{
    internal ExclusionSet(PathGraph graph, ImmutableArray<int> edges, ImmutableArray<int> nodes)
    {
        Graph = graph;
        EdgeIndices = edges;
        NodeIndices = nodes;
    }

    /// <summary>The excluded links (the graph's own, with their weights), in the graph's link order.</summary>
    public IReadOnlyList<GraphLink> Links => [.. EdgeIndices.Select(e => Graph.LinkArray[e])];

    /// <summary>The excluded switches, in ascending dpid order. No path starts at, ends at or crosses them.</summary>
    public IReadOnlyList<DatapathId> Switches => [.. NodeIndices.Select(i => Graph.SwitchArray[i])];

    /// <summary>True when nothing is excluded.</summary>
    public bool IsEmpty => EdgeIndices.IsEmpty && NodeIndices.IsEmpty;

    /// <summary>The graph the set belongs to.</summary>
    internal PathGraph Graph { get; }

    /// <summary>Sorted, distinct link indices.</summary>
    internal ImmutableArray<int> EdgeIndices { get; }

    /// <summary>Sorted, distinct switch indices.</summary>
    internal ImmutableArray<int> NodeIndices { get; }

    /// <summary>Everything excluded by either set.</summary>
    /// <param name="other">A set of the same graph.</param>
    /// <exception cref="ArgumentException"><paramref name="other"/> belongs to another graph.</exception>
    public ExclusionSet Union(ExclusionSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckGraph(other, Graph, nameof(other));
        return new ExclusionSet(Graph, Merge(EdgeIndices, other.EdgeIndices), Merge(NodeIndices, other.NodeIndices));
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="set"/> is not null and was made by another graph.</summary>
    internal static void CheckGraph(ExclusionSet? set, PathGraph graph, string paramName)
    {
        if (set is not null && !ReferenceEquals(set.Graph, graph))
        {
            throw new ArgumentException("The exclusion set was made by another graph.", paramName);
        }
    }

    /// <summary>Sorted distinct union of index lists.</summary>
    internal static ImmutableArray<int> Merge(IEnumerable<int> a, IEnumerable<int> b) => [.. a.Union(b).Order()];
}
