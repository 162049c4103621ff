namespace Sdn.Controller.Topology.Graph.Search;

/// <summary>
/// The priority of a switch in the search: path cost first, then the number of links. Adding a link always makes
/// the key strictly larger (one more link), even for weight 0, so every prefix of a best path is settled before
/// the path's end — which the tie-break relies on.
/// </summary>
/// <param name="Cost">Sum of weights from the source.</param>
/// <param name="Hops">Number of links from the source.</param>
internal readonly record struct SearchKey(double Cost, int Hops) : IComparable<SearchKey>
{
    /// <inheritdoc />
    public int CompareTo(SearchKey other)
    {
        var c = Cost.CompareTo(other.Cost);
        return c != 0 ? c : Hops.CompareTo(other.Hops);
    }
}
