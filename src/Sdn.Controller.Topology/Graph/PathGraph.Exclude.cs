using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

public sealed partial class PathGraph
{
    /// <summary>
    /// The set of <paramref name="links"/> and <paramref name="switches"/> to avoid, for the queries' optional
    /// <c>excluded</c> argument. Links are matched by their four endpoints (weights are ignored); links and
    /// switches the graph does not have are ignored.
    /// </summary>
    /// <param name="links">Links to avoid; null for none.</param>
    /// <param name="switches">Switches to avoid; null for none.</param>
    /// <param name="bothDirections">
    /// True (the default): also avoid each link's <see cref="GraphLink.Reverse"/> — the whole cable, as after a
    /// port or cable failure. False: only the given direction.
    /// </param>
    public ExclusionSet Exclude(IEnumerable<GraphLink>? links, IEnumerable<DatapathId>? switches = null, bool bothDirections = true)
    {
        var edges = new List<int>();
        foreach (var link in links ?? [])
        {
            var e = IndexOf(link);
            if (e >= 0)
            {
                edges.Add(e);
            }

            var r = bothDirections ? IndexOf(link.Reverse()) : -1;
            if (r >= 0)
            {
                edges.Add(r);
            }
        }

        var nodes = (switches ?? []).Select(IndexOf).Where(i => i >= 0);
        return new ExclusionSet(this, ExclusionSet.Merge(edges, []), ExclusionSet.Merge(nodes, []));
    }
}
