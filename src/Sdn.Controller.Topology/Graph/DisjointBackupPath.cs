namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// A backup for a primary path that survives the failure of any one of the primary's cables: the best path
/// (Dijkstra 1959, same tie-break rule) over the links the primary does not use. The primary is kept as given;
/// for the pair with the least total cost see Suurballe 1974 (not done here).
/// </summary>
public static class DisjointBackupPath
{
    /// <summary>
    /// The best path from <paramref name="primary"/>'s source to its destination that shares no cable with it:
    /// a primary link A:p→B:q rules out both A:p→B:q and B:q→A:p (a parallel cable between A and B, on other ports,
    /// stays usable). Switches may be shared.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="primary">The path to protect; its links are matched to the graph's by their endpoints.</param>
    /// <param name="excluded">Further links and switches not to use; null for none.</param>
    /// <returns>
    /// The backup; the trivial path when the primary is trivial; null when the end switches are unknown or
    /// excluded or no link-disjoint path exists.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="excluded"/> was made by another graph.</exception>
    public static NetworkPath? BackupPath(this PathGraph graph, NetworkPath primary, ExclusionSet? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(primary);
        ExclusionSet.CheckGraph(excluded, graph, nameof(excluded));
        int s = graph.IndexOf(primary.Source), t = graph.IndexOf(primary.Destination);
        if (s < 0 || t < 0)
        {
            return null;
        }

        return Dijkstra.BestPath(graph, s, t, excluded, graph.Exclude(primary.Links));
    }
}
