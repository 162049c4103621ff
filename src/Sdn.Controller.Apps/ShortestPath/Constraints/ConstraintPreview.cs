using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>What a change of constraints would do (<see cref="ShortestPathApp.PreviewConstraints"/>); nothing is changed.</summary>
/// <param name="Changes">Installed paths whose hops would change, ordered by pair.</param>
/// <param name="Unreachable">Known host pairs that have a path now and would have none, ordered by pair.</param>
public sealed record ConstraintPreview(IReadOnlyList<PlannedPathChange> Changes, IReadOnlyList<UnreachablePair> Unreachable);

/// <summary>An installed path that a change of constraints moves.</summary>
/// <param name="Pair">The host pair.</param>
/// <param name="OldHops">The installed hops.</param>
/// <param name="NewHops">The hops it would get; null when the pair would have no path.</param>
public sealed record PlannedPathChange(HostPair Pair, IReadOnlyList<Hop> OldHops, IReadOnlyList<Hop>? NewHops);

/// <summary>A host pair the new constraints would cut off.</summary>
/// <param name="Pair">The host pair.</param>
/// <param name="From">The source host's attachment point.</param>
/// <param name="To">The destination host's attachment point.</param>
/// <param name="Constraint">The constraint that leaves no path (with its <see cref="PathConstraint.Sources"/>).</param>
public sealed record UnreachablePair(HostPair Pair, SwitchPort From, SwitchPort To, PathConstraint Constraint);

/// <summary>How <see cref="ShortestPathApp.ChangeConstraintsAsync"/> left one installed path.</summary>
public enum ConstraintMoveOutcome
{
    /// <summary>New hops installed and barrier-confirmed on every switch of the new path; the old flows deleted.</summary>
    Rerouted,

    /// <summary>Same hops, reinstalled with new fast-failover detours (confirmed); the old flows deleted.</summary>
    Reprotected,

    /// <summary>Installed, but a switch did not confirm (timeout or disconnect); the old flows were deleted anyway.</summary>
    NotConfirmed,

    /// <summary>No path satisfies the new constraints: the pair's flows were deleted (<see cref="PathUnreachable"/> published).</summary>
    Unreachable,
}

/// <summary>One installed path after a change of constraints.</summary>
/// <param name="Pair">The host pair.</param>
/// <param name="OldHops">The hops before.</param>
/// <param name="NewHops">The hops now; empty when <see cref="ConstraintMoveOutcome.Unreachable"/>.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="ElapsedMs">Change started → new path confirmed (or given up), in ms.</param>
public sealed record ConstraintMove(HostPair Pair, IReadOnlyList<Hop> OldHops, IReadOnlyList<Hop> NewHops, ConstraintMoveOutcome Outcome, double ElapsedMs);
