namespace Sdn.Controller.Topology.Graph.Search;

/// <summary>
/// A path as link indices with its cost, ordered by the library's tie-break rule (cost, then links, then the
/// link indices lexicographically) and equal when the link lists are.
/// </summary>
/// <param name="Edges">Link indices in path order.</param>
/// <param name="Cost">The weights added in path order.</param>
internal sealed record CandidatePath(int[] Edges, double Cost) : IComparable<CandidatePath>
{
    /// <summary>Builds the candidate, adding the weights from the source as <see cref="NetworkPath.Cost"/> does.</summary>
    public static CandidatePath Of(int[] edges, double[] edgeWeight)
    {
        var cost = 0.0;
        foreach (var e in edges)
        {
            cost += edgeWeight[e];
        }

        return new CandidatePath(edges, cost);
    }

    /// <inheritdoc />
    public int CompareTo(CandidatePath? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = new SearchKey(Cost, Edges.Length).CompareTo(new SearchKey(other.Cost, other.Edges.Length));
        return c != 0 ? c : Edges.AsSpan().SequenceCompareTo(other.Edges);
    }

    /// <inheritdoc />
    public bool Equals(CandidatePath? other) => other is not null && Edges.AsSpan().SequenceEqual(other.Edges);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Edges)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }
}
