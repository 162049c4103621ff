using Microsoft.Extensions.Logging;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

public sealed partial class ShortestPathApp
{
    /// <summary>The combined constraint of every provider on <paramref name="pair"/>'s path (<see cref="PathConstraint.None"/> without providers).</summary>
    private PathConstraint ConstraintOf(HostPair pair, TopologySnapshot snapshot)
    {
        var constraint = PathConstraint.None;
        foreach (var provider in _constraintProviders)
        {
            constraint = constraint.Combine(provider.For(pair, snapshot));
        }

        return constraint;
    }

    private ConstrainedRouter RouterFor(PathGraph graph, TopologySnapshot snapshot, HostPair pair) => new(graph, ConstraintOf(pair, snapshot));

    /// <summary>
    /// The hops the app would install now for <paramref name="pair"/> between these attachment points, under the
    /// current constraints (what GetPath shows before the first packet); null when no path satisfies them.
    /// </summary>
    /// <param name="pair">The host pair.</param>
    /// <param name="from">Where the source host attaches.</param>
    /// <param name="to">Where the destination host attaches.</param>
    public IReadOnlyList<Hop>? PlanHops(HostPair pair, SwitchPort from, SwitchPort to)
    {
        var snapshot = _topology.Current;
        var (graph, _) = _graph.Of(snapshot);
        return RouterFor(graph, snapshot, pair).Primary(from.Dpid, to.Dpid)?.ToHops(from.Port, to.Port);
    }

    /// <summary>
    /// What replacing the current constraints by <paramref name="candidate"/>'s would do, without changing anything:
    /// the installed paths whose hops would change (old → new), and the known host pairs (every ordered pair of
    /// hosts in the topology whose constraint would change) that have a path now and would have none. O(hosts²)
    /// constraint look-ups; one path search per distinct (ingress switch, egress switch, constraint).
    /// </summary>
    /// <param name="candidate">The complete set of constraints as they would be (it stands for every registered provider).</param>
    public ConstraintPreview PreviewConstraints(IPathConstraintProvider candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var snapshot = _topology.Current;
        var (graph, _) = _graph.Of(snapshot);
        var routes = new Dictionary<(DatapathId, DatapathId, PathConstraint), NetworkPath?>();
        NetworkPath? Route(SwitchPort from, SwitchPort to, PathConstraint c)
        {
            if (!routes.TryGetValue((from.Dpid, to.Dpid, c), out var path))
            {
                routes[(from.Dpid, to.Dpid, c)] = path = new ConstrainedRouter(graph, c).Primary(from.Dpid, to.Dpid);
            }

            return path;
        }

        var changes = new List<PlannedPathChange>();
        lock (_gate)
        {
            foreach (var path in _paths.All.OrderBy(p => p.Pair.Source.Value).ThenBy(p => p.Pair.Destination.Value))
            {
                var next = candidate.For(path.Pair, snapshot);
                if (!next.Equals(path.Constraint) && Route(path.From, path.To, next) is var route && route != path.Path)
                {
                    changes.Add(new PlannedPathChange(path.Pair, path.Hops, route?.ToHops(path.From.Port, path.To.Port)));
                }
            }
        }

        var unreachable = new List<UnreachablePair>();
        var hosts = snapshot.Hosts.Values.OrderBy(h => h.Mac.Value).ToList();
        foreach (var (src, dst) in hosts.SelectMany(s => hosts.Where(d => d != s).Select(d => (s, d))))
        {
            var pair = new HostPair(src.Mac, dst.Mac);
            var next = candidate.For(pair, snapshot);
            if (next.IsNone || src.Location.Dpid == dst.Location.Dpid)
            {
                continue; // no constraint, or frames that never leave their switch
            }

            var now = ConstraintOf(pair, snapshot);
            if (!next.Equals(now) && Route(src.Location, dst.Location, next) is null && Route(src.Location, dst.Location, now) is not null)
            {
                unreachable.Add(new UnreachablePair(pair, src.Location, dst.Location, next));
            }
        }

        return new ConstraintPreview(changes, unreachable);
    }

    /// <summary>
    /// Runs <paramref name="change"/> (which makes the providers answer with the new constraints) under the app's
    /// lock, then moves every installed path whose constraint changed, make-before-break: new path under a new cookie,
    /// barrier on every switch of it, then the old cookie's flows and groups are deleted. Paths whose hops change
    /// publish <see cref="PathRerouted"/> with <paramref name="cause"/>; pairs left without a path lose their flows
    /// (<see cref="PathUnreachable"/>). Paths computed later (first packet, repair, reconnect) follow the new
    /// constraints anyway. Not a failure repair: no convergence sample.
    /// </summary>
    /// <param name="change">Swaps the constraints; runs exactly once, under the lock.</param>
    /// <param name="cause">Why, for events and logs, e.g. "policy p1 applied (path intents)".</param>
    /// <returns>Every moved path once its new flows are confirmed (or not), ordered by pair; empty when none changed.</returns>
    public async Task<IReadOnlyList<ConstraintMove>> ChangeConstraintsAsync(Action change, string cause)
    {
        ArgumentNullException.ThrowIfNull(change);
        List<Task<ConstraintMove>> moves;
        lock (_gate)
        {
            change();
            moves = MoveForConstraints(_paths.All, cause);
        }

        return await Task.WhenAll(moves).ConfigureAwait(false);
    }

    /// <summary>
    /// Reinstalls (make-before-break) every path of <paramref name="paths"/> whose constraint now differs from the one
    /// it was computed under; also after a host's addresses were learned (IPv4 selectors). Caller holds the lock.
    /// </summary>
    /// <returns>One task per moved path, completing when its new flows are confirmed (or not) and the old ones deleted.</returns>
    private List<Task<ConstraintMove>> MoveForConstraints(IEnumerable<InstalledPath> paths, string cause)
    {
        var started = _time.GetTimestamp();
        var snapshot = _topology.Current;
        var (graph, _) = _graph.Of(snapshot);
        var now = _time.GetUtcNow();
        var moves = new List<Task<ConstraintMove>>();
        foreach (var old in paths.OrderBy(p => p.Pair.Source.Value).ThenBy(p => p.Pair.Destination.Value).ToList())
        {
            if (_paths.Find(old.Pair) != old || ConstraintOf(old.Pair, snapshot).Equals(old.Constraint))
            {
                continue;
            }

            if (Reinstall(graph, snapshot, old, now, cause) is not { } fresh)
            {
                moves.Add(Task.FromResult(new ConstraintMove(old.Pair, old.Hops, [], ConstraintMoveOutcome.Unreachable, 0)));
                continue;
            }

            moves.Add(RetireForConstraintAsync(old, fresh, [.. fresh.Switches.Select(d => _switches[d])], started, cause));
        }

        return moves;
    }

    private async Task<ConstraintMove> RetireForConstraintAsync(InstalledPath old, InstalledPath fresh, List<ISwitch> confirm, long started, string cause)
    {
        var confirmed = await ConfirmAsync(confirm, fresh.Pair, $"New path after {cause}").ConfigureAwait(false);
        var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
        lock (_gate)
        {
            RemoveFlows(old);
        }

        var moved = !old.Hops.SequenceEqual(fresh.Hops);
        if (moved)
        {
            _log.LogInformation("Moved {Pair} after {Cause}: {Old} => {New}", fresh.Pair, cause, old.Path, fresh.Path);
            _bus.Publish(new PathRerouted(_time.GetUtcNow(), fresh.Pair, old.Hops, fresh.Hops, elapsedMs, cause));
        }

        var outcome = !confirmed ? ConstraintMoveOutcome.NotConfirmed : moved ? ConstraintMoveOutcome.Rerouted : ConstraintMoveOutcome.Reprotected;
        return new ConstraintMove(fresh.Pair, old.Hops, fresh.Hops, outcome, elapsedMs);
    }
}
