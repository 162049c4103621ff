using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Northbound.V1;
using GraphHop = Sdn.Controller.Topology.Graph.Hop;

namespace Sdn.Controller.Northbound.Mapping;

/// <summary>Path moves caused by intents → <see cref="IntentPathChange"/> messages.</summary>
public static class IntentMapping
{
    /// <summary>A planned move (dry_run): PLANNED, or UNREACHABLE when the pair would have no path.</summary>
    public static IntentPathChange ToProto(this PlannedPathChange change) =>
        Change(change.Pair, change.OldHops, change.NewHops ?? [], change.NewHops is null ? IntentPathState.Unreachable : IntentPathState.Planned);

    /// <summary>A done move: CONFIRMED, NOT_CONFIRMED or UNREACHABLE (a reprotection keeps its hops and maps to CONFIRMED).</summary>
    public static IntentPathChange ToProto(this ConstraintMove move) => Change(move.Pair, move.OldHops, move.NewHops, move.Outcome switch
    {
        ConstraintMoveOutcome.NotConfirmed => IntentPathState.NotConfirmed,
        ConstraintMoveOutcome.Unreachable => IntentPathState.Unreachable,
        _ => IntentPathState.Confirmed,
    });

    private static IntentPathChange Change(HostPair pair, IReadOnlyList<GraphHop> oldHops, IReadOnlyList<GraphHop> newHops, IntentPathState state)
    {
        var change = new IntentPathChange { SrcMac = pair.Source.ToString(), DstMac = pair.Destination.ToString(), State = state };
        change.OldHops.AddRange(oldHops.Select(h => h.ToProto()));
        change.NewHops.AddRange(newHops.Select(h => h.ToProto()));
        return change;
    }
}
