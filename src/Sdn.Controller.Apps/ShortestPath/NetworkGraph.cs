using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// The path graph of a topology snapshot: every switch, and every link whose reverse is also known (a working cable),
/// weight 1 (hop count). Built once per snapshot version and cached (snapshots are immutable).
/// </summary>
public sealed class NetworkGraph
{
    private readonly object _gate = new();
    private (long Version, PathGraph Graph, SpanningForest Forest)? _cached;

    /// <summary>The graph and its minimum spanning forest for <paramref name="snapshot"/>.</summary>
    public (PathGraph Graph, SpanningForest Forest) Of(TopologySnapshot snapshot)
    {
        lock (_gate)
        {
            if (_cached is { } c && c.Version == snapshot.Version)
            {
                return (c.Graph, c.Forest);
            }

            var graph = Build(snapshot);
            var forest = graph.MinimumSpanningForest();
            _cached = (snapshot.Version, graph, forest);
            return (graph, forest);
        }
    }

    /// <summary>Builds the graph of <paramref name="snapshot"/> (no caching).</summary>
    public static PathGraph Build(TopologySnapshot snapshot) => PathGraph.Create(
        snapshot.BidirectionalLinks.Select(l => new GraphLink(l.Source.Dpid, l.Source.Port, l.Destination.Dpid, l.Destination.Port, 1.0)),
        snapshot.Switches.Keys);
}
