using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// An immutable path from <see cref="Source"/> to <see cref="Destination"/>: its links in order, each starting at
/// the switch the previous one ended at, and its <see cref="Cost"/>. A path with no links is the trivial path
/// of a switch to itself (cost 0). Two paths are equal when they have the same source and the same links (ports
/// and weights) in the same order.
/// </summary>
public sealed class NetworkPath : IEquatable<NetworkPath>
{
    private readonly GraphLink[] _links;

    /// <summary>Builds a path from <paramref name="source"/> through <paramref name="links"/> (none: the trivial path).</summary>
    /// <param name="source">The first switch.</param>
    /// <param name="links">The links in order; each must start at the switch where the previous one ends.</param>
    /// <exception cref="ArgumentException">The links are not contiguous from <paramref name="source"/>, or a weight is negative, NaN or infinite.</exception>
    public NetworkPath(DatapathId source, IEnumerable<GraphLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        Source = source;
        _links = [.. links];
        Links = Array.AsReadOnly(_links);
        var at = source;
        foreach (var link in _links)
        {
            GraphLink.CheckWeight(link.Weight, nameof(links));
            if (link.Source != at)
            {
                throw new ArgumentException($"Link {link} does not start at {at}, where the path has got to.", nameof(links));
            }

            at = link.Target;
        }

        Cost = SumWeights(_links);
    }

    /// <summary>The first switch.</summary>
    public DatapathId Source { get; }

    /// <summary>The last switch (the <see cref="Source"/> for the trivial path).</summary>
    public DatapathId Destination => _links.Length == 0 ? Source : _links[^1].Target;

    /// <summary>The links in order from <see cref="Source"/> to <see cref="Destination"/>.</summary>
    public IReadOnlyList<GraphLink> Links { get; }

    /// <summary>The sum of the link weights, added from the source onwards (the order the searches add them in).</summary>
    public double Cost { get; }

    /// <summary>The number of links.</summary>
    public int HopCount => _links.Length;

    /// <summary>The switches in order, <see cref="Source"/> first and <see cref="Destination"/> last (HopCount + 1 of them).</summary>
    public IReadOnlyList<DatapathId> Switches => [Source, .. _links.Select(l => l.Target)];

    /// <summary>
    /// The flow entries the path needs, one per switch: where frames enter the path at the source
    /// (<paramref name="ingressPort"/>, e.g. the sending host's port) and where they leave it at the destination
    /// (<paramref name="egressPort"/>, e.g. the receiving host's port).
    /// </summary>
    /// <param name="ingressPort">In port at <see cref="Source"/>.</param>
    /// <param name="egressPort">Out port at <see cref="Destination"/>.</param>
    /// <returns>HopCount + 1 hops in path order.</returns>
    public IReadOnlyList<Hop> ToHops(PortNumber ingressPort, PortNumber egressPort)
    {
        var hops = new Hop[_links.Length + 1];
        var inPort = ingressPort;
        var at = Source;
        for (var i = 0; i < _links.Length; i++)
        {
            hops[i] = new Hop(at, inPort, _links[i].SourcePort);
            inPort = _links[i].TargetPort;
            at = _links[i].Target;
        }

        hops[^1] = new Hop(at, inPort, egressPort);
        return hops;
    }

    /// <summary>True when no switch appears twice (the path is loopless).</summary>
    public bool IsSimple()
    {
        var seen = new HashSet<DatapathId> { Source };
        return _links.All(l => seen.Add(l.Target));
    }

    /// <inheritdoc />
    public bool Equals(NetworkPath? other) =>
        other is not null && Source == other.Source && _links.AsSpan().SequenceEqual(other._links);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetworkPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Source);
        foreach (var link in _links)
        {
            hash.Add(link);
        }

        return hash.ToHashCode();
    }

    /// <summary>Value equality (null equals null).</summary>
    /// <param name="left">A path or null.</param>
    /// <param name="right">A path or null.</param>
    public static bool operator ==(NetworkPath? left, NetworkPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A path or null.</param>
    /// <param name="right">A path or null.</param>
    public static bool operator !=(NetworkPath? left, NetworkPath? right) => !(left == right);

    /// <summary><c>src -[out/in]-> ... (cost c)</c>, e.g. <c>0000000000000001 -[2/1]-> 0000000000000002 (cost 1)</c>.</summary>
    public override string ToString() =>
        string.Concat(_links.Select(l => $" -[{l.SourcePort}/{l.TargetPort}]-> {l.Target}")).Insert(0, Source.ToString())
        + $" (cost {Cost})";

    /// <summary>Adds the weights in order, as every search does, so equal link lists give bit-identical costs.</summary>
    internal static double SumWeights(IEnumerable<GraphLink> links)
    {
        var cost = 0.0;
        foreach (var link in links)
        {
            cost += link.Weight;
        }

        return cost;
    }
}
