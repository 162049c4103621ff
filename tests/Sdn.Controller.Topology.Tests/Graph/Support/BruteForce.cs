using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Tests.Graph.Support;

/// <summary>Reference answers by exhaustive enumeration, for small graphs only.</summary>
public static class BruteForce
{
    private const int MaxPaths = 200_000;

    /// <summary>
    /// Every simple path from <paramref name="source"/> (the trivial one included), grouped by destination and
    /// sorted by <see cref="PathOrder"/>. Depth-first over the graph's link list; throws past <see cref="MaxPaths"/>.
    /// </summary>
    public static Dictionary<DatapathId, List<NetworkPath>> SimplePathsFrom(PathGraph graph, DatapathId source)
    {
        var outgoing = graph.Links.Where(l => l.Source != l.Target).ToLookup(l => l.Source);
        var result = new Dictionary<DatapathId, List<NetworkPath>>();
        var onPath = new HashSet<DatapathId> { source };
        var links = new List<GraphLink>();
        var count = 0;

        void Visit(DatapathId at)
        {
            if (++count > MaxPaths)
            {
                throw new InvalidOperationException("Graph too large for brute force.");
            }

            var path = new NetworkPath(source, links);
            if (!result.TryGetValue(at, out var list))
            {
                result[at] = list = [];
            }

            list.Add(path);
            foreach (var link in outgoing[at])
            {
                if (onPath.Add(link.Target))
                {
                    links.Add(link);
                    Visit(link.Target);
                    links.RemoveAt(links.Count - 1);
                    onPath.Remove(link.Target);
                }
            }
        }

        Visit(source);
        foreach (var list in result.Values)
        {
            list.Sort(PathOrder.Instance);
        }

        return result;
    }

    /// <summary>Every ordered pair of switches (s = t included) with all simple paths from s to t, sorted; empty when none.</summary>
    public static IEnumerable<(DatapathId Source, DatapathId Target, List<NetworkPath> Paths)> AllPairs(PathGraph graph) =>
        from s in graph.Switches
        let all = SimplePathsFrom(graph, s)
        from t in graph.Switches
        select (s, t, all.GetValueOrDefault(t, []));

    /// <summary>True when <paramref name="path"/> uses no cable of <paramref name="primary"/> in either direction.</summary>
    public static bool LinkDisjoint(NetworkPath path, NetworkPath primary) =>
        !path.Links.Any(l => primary.Links.Any(p => l.SameEndpoints(p) || l.SameEndpoints(p.Reverse())));

    /// <summary>Cables: links whose exact reverse exists, lower dpid first, weight the larger direction's; no self-links.</summary>
    public static List<GraphLink> Cables(PathGraph graph) =>
    [
        .. graph.Links
            .Where(l => l.Source.Value < l.Target.Value)
            .Select(l => graph.TryGetLink(l.Reverse(), out var r) ? l with { Weight = Math.Max(l.Weight, r.Weight) } : (GraphLink?)null)
            .OfType<GraphLink>(),
    ];

    /// <summary>Prim's algorithm (Prim 1957) run from every not-yet-spanned switch: total weight and number of trees.</summary>
    public static (double Total, int Trees) PrimForest(PathGraph graph)
    {
        var cables = Cables(graph);
        var spanned = new HashSet<DatapathId>();
        var total = 0.0;
        var trees = 0;
        foreach (var root in graph.Switches.Where(s => !spanned.Contains(s)).ToList())
        {
            if (spanned.Contains(root))
            {
                continue;
            }

            trees++;
            spanned.Add(root);
            while (true)
            {
                var crossing = cables.Where(c => spanned.Contains(c.Source) != spanned.Contains(c.Target)).ToList();
                if (crossing.Count == 0)
                {
                    break;
                }

                var best = crossing.MinBy(c => c.Weight);
                total += best.Weight;
                spanned.Add(best.Source);
                spanned.Add(best.Target);
            }
        }

        return (total, trees);
    }
}
