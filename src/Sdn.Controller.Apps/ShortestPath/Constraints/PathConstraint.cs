using System.Collections.Immutable;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// What a host pair's path must respect: cables to avoid (both directions, also by the fast-failover detours) and at
/// most one waypoint switch the path must cross (loop-free, see <c>WaypointPath.ShortestPathVia</c>; ignored for a pair
/// whose hosts share a switch, whose frames never leave it). Two constraints are equal when they avoid the same
/// cables and name the same waypoint; <see cref="Sources"/> (where they came from) does not count. Immutable.
/// </summary>
public sealed class PathConstraint : IEquatable<PathConstraint>
{
    /// <summary>Builds a constraint; <paramref name="avoid"/> is de-duplicated and put in a canonical order.</summary>
    /// <param name="avoid">Cables to avoid.</param>
    /// <param name="waypoint">The switch to cross, or null.</param>
    /// <param name="sources">Where each part comes from, for messages, e.g. "policy p1 intents[0]".</param>
    public PathConstraint(IEnumerable<AvoidedLink> avoid, DatapathId? waypoint, IEnumerable<string> sources)
    {
        Avoid = [.. avoid.Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal)];
        Waypoint = waypoint;
        Sources = [.. sources];
    }

    /// <summary>No constraint: the plain shortest path.</summary>
    public static PathConstraint None { get; } = new([], null, []);

    /// <summary>Cables to avoid, in canonical order.</summary>
    public ImmutableArray<AvoidedLink> Avoid { get; }

    /// <summary>The switch the path must cross, or null.</summary>
    public DatapathId? Waypoint { get; }

    /// <summary>Where the constraint comes from (free text per part, e.g. "policy p1 intents[0]").</summary>
    public ImmutableArray<string> Sources { get; }

    /// <summary>True when nothing is constrained.</summary>
    public bool IsNone => Avoid.IsEmpty && Waypoint is null;

    /// <summary>Both constraints at once: the union of the avoided cables; this waypoint, else <paramref name="other"/>'s.</summary>
    /// <param name="other">Another constraint on the same pair.</param>
    public PathConstraint Combine(PathConstraint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.IsNone ? this : IsNone ? other : new([.. Avoid, .. other.Avoid], Waypoint ?? other.Waypoint, [.. Sources, .. other.Sources]);
    }

    /// <inheritdoc />
    public bool Equals(PathConstraint? other) => other is not null && Waypoint == other.Waypoint && Avoid.SequenceEqual(other.Avoid);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PathConstraint);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Waypoint);
        foreach (var a in Avoid)
        {
            hash.Add(a);
        }

        return hash.ToHashCode();
    }

    /// <summary>E.g. <c>avoid 0000000000000001:* - 0000000000000002:*, via 0000000000000003</c>; <c>none</c> when unconstrained.</summary>
    public override string ToString() => IsNone ? "none" : string.Join(", ", Avoid.Select(a => $"avoid {a}").Concat(Waypoint is { } w ? [$"via {w}"] : []));
}
