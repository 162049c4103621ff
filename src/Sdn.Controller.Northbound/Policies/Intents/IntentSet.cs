using System.Collections.Immutable;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>
/// The path intents of every policy, immutable: as a <see cref="IPathConstraintProvider"/>, a pair's constraint is
/// the union of the links avoided by every intent selecting it and the waypoint of the first waypoint intent selecting
/// it (policies by id, then intent order). O(intents) per look-up, no locks.
/// </summary>
public sealed class IntentSet : IPathConstraintProvider
{
    private readonly ImmutableSortedDictionary<string, ImmutableArray<CompiledIntent>> _byPolicy;
    private readonly ImmutableArray<CompiledIntent> _all;

    private IntentSet(ImmutableSortedDictionary<string, ImmutableArray<CompiledIntent>> byPolicy)
    {
        _byPolicy = byPolicy;
        _all = [.. byPolicy.Values.SelectMany(v => v)];
    }

    /// <summary>No intents.</summary>
    public static IntentSet Empty { get; } = new(ImmutableSortedDictionary.Create<string, ImmutableArray<CompiledIntent>>(StringComparer.Ordinal));

    /// <summary>Every intent, policies by id, then intent order.</summary>
    public IReadOnlyList<CompiledIntent> All => _all;

    /// <summary>True when policy <paramref name="policyId"/> has intents here.</summary>
    /// <param name="policyId">The policy id.</param>
    public bool Has(string policyId) => _byPolicy.ContainsKey(policyId);

    /// <summary>This set with policy <paramref name="policyId"/>'s intents replaced by <paramref name="intents"/> (none: removed).</summary>
    /// <param name="policyId">The policy id.</param>
    /// <param name="intents">Its compiled intents.</param>
    public IntentSet With(string policyId, IReadOnlyList<CompiledIntent> intents) =>
        intents.Count == 0 ? Without(policyId) : new(_byPolicy.SetItem(policyId, [.. intents]));

    /// <summary>This set without policy <paramref name="policyId"/>'s intents.</summary>
    /// <param name="policyId">The policy id.</param>
    public IntentSet Without(string policyId) => Has(policyId) ? new(_byPolicy.Remove(policyId)) : this;

    /// <inheritdoc />
    public PathConstraint For(HostPair pair, TopologySnapshot snapshot)
    {
        var constraint = PathConstraint.None;
        foreach (var intent in _all)
        {
            if (intent.Selects(pair, snapshot))
            {
                constraint = constraint.Combine(intent.Constraint);
            }
        }

        return constraint;
    }

    /// <summary>The waypoint intents selecting <paramref name="pair"/> that name a different switch than the first one (empty: no conflict).</summary>
    /// <param name="pair">The host pair.</param>
    /// <param name="snapshot">The topology.</param>
    public IReadOnlyList<CompiledIntent> WaypointConflicts(HostPair pair, TopologySnapshot snapshot)
    {
        var waypoints = _all.Where(i => i.Waypoint is not null && i.Selects(pair, snapshot)).ToList();
        return waypoints.Count < 2 ? [] : [waypoints[0], .. waypoints.Skip(1).Where(w => w.Waypoint != waypoints[0].Waypoint)];
    }
}
