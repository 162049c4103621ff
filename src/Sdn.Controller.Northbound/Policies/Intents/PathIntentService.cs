using Microsoft.Extensions.Logging;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Channel;
using Sdn.Controller.Northbound.Mapping;
using Sdn.Controller.Northbound.V1;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Service;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>
/// Apply and delete of policies with their path intents: checks the intents (syntax, then topology, then that no known
/// host pair would lose its path or get two waypoints), lets <see cref="PolicyApp"/> store the policy and enforce its
/// ACL, then swaps the intents in force inside ShortestPath's lock and waits until every moved path is
/// barrier-confirmed. Policies without intents (before and after) go straight to <see cref="PolicyApp"/>. One apply or
/// delete at a time. Errors: <see cref="PolicyValidationException"/> (INVALID_ARGUMENT), <see cref="RpcException"/>
/// NOT_FOUND / FAILED_PRECONDITION, and whatever <see cref="PolicyApp"/> throws.
/// </summary>
public sealed class PathIntentService(PolicyApp policies, PathIntentConstraints live, TopologyService topology, AppDispatcher apps, ILogger<PathIntentService> log)
{
    /// <summary>Most pairs named in a FAILED_PRECONDITION message.</summary>
    public const int MaxPairsInMessage = 10;

    private readonly SemaphoreSlim _turn = new(1, 1);

    private ShortestPathApp? ShortestPath => apps.Apps.OfType<ShortestPathApp>().FirstOrDefault();

    /// <summary>ApplyPolicy with intents; with dry_run the response lists the paths that would move (state PLANNED).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels waiting for the turn and the ACL barriers (the path moves finish regardless).</param>
    public async Task<ApplyPolicyResponse> ApplyAsync(ApplyPolicyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PolicyValidator.Validate(request.Policy);
        var id = request.Policy.Id;
        var intents = IntentValidator.Validate(id, request.Policy.Intents);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = live.Current;
            if (intents.Count == 0 && !current.Has(id))
            {
                return await policies.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var candidate = current.With(id, intents);
            var app = ShortestPath;
            if (app is null && intents.Count > 0)
            {
                throw Failed("intents: path intents need the ShortestPath app, which is not running (Controller:Apps)");
            }

            var snapshot = topology.Current;
            IntentTopology.Check(intents, snapshot);
            CheckWaypoints(candidate, id, snapshot);
            var preview = app?.PreviewConstraints(candidate);
            if (preview is { Unreachable.Count: > 0 })
            {
                throw Failed($"intents: nothing applied; these host pairs have a path now and would have none: {Pairs(preview.Unreachable.Select(u => $"{u.Pair} ({u.Constraint}; {string.Join(", ", u.Constraint.Sources)})"))}");
            }

            ApplyPolicyResponse response;
            try
            {
                response = await policies.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!request.DryRun && ex is TimeoutException or SwitchDisconnectedException)
            {
                await PutInForceAsync(app, candidate, $"policy {id} applied (path intents)").ConfigureAwait(false); // stored: in force, as after a restart
                throw;
            }

            if (request.DryRun)
            {
                response.PathChanges.AddRange(preview?.Changes.Select(c => c.ToProto()) ?? []);
                return response;
            }

            response.PathChanges.AddRange(await PutInForceAsync(app, candidate, $"policy {id} applied (path intents)").ConfigureAwait(false));
            return response;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>DeletePolicy: the policy's intents stop holding and the paths they moved move back (barrier-confirmed).</summary>
    /// <param name="id">The policy id.</param>
    /// <param name="cancellationToken">Cancels waiting for the turn and the ACL barriers.</param>
    /// <returns>The response, or null when no such policy exists.</returns>
    public async Task<DeletePolicyResponse?> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var candidate = live.Current.Without(id);
            DeletePolicyResponse? response;
            try
            {
                response = await policies.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or SwitchDisconnectedException)
            {
                await PutInForceAsync(ShortestPath, candidate, $"policy {id} deleted (path intents)").ConfigureAwait(false); // deleted from the store
                throw;
            }

            if (response is not null && !ReferenceEquals(candidate, live.Current))
            {
                response.PathChanges.AddRange(await PutInForceAsync(ShortestPath, candidate, $"policy {id} deleted (path intents)").ConfigureAwait(false));
            }

            return response;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Makes <paramref name="next"/> the intents in force; with ShortestPath running, moves the affected paths and waits for them.</summary>
    private async Task<IEnumerable<IntentPathChange>> PutInForceAsync(ShortestPathApp? app, IntentSet next, string cause)
    {
        if (app is null)
        {
            live.Replace(next);
            return [];
        }

        var moves = await app.ChangeConstraintsAsync(() => live.Replace(next), cause).ConfigureAwait(false);
        log.LogInformation("{Cause}: {Moved} paths moved, {Unreachable} left without a path", cause, moves.Count(m => m.Outcome != ConstraintMoveOutcome.Reprotected), moves.Count(m => m.Outcome == ConstraintMoveOutcome.Unreachable));
        return moves.Where(m => m.Outcome != ConstraintMoveOutcome.Reprotected).Select(m => m.ToProto());
    }

    /// <summary>FAILED_PRECONDITION when a known pair (hosts on different switches) would get two waypoints, one of them from policy <paramref name="policyId"/>.</summary>
    private static void CheckWaypoints(IntentSet candidate, string policyId, TopologySnapshot snapshot)
    {
        var hosts = snapshot.Hosts.Values.OrderBy(h => h.Mac.Value).ToList();
        var clashes = new List<string>();
        foreach (var (src, dst) in hosts.SelectMany(s => hosts.Where(d => d.Location.Dpid != s.Location.Dpid).Select(d => (s, d))))
        {
            var conflict = candidate.WaypointConflicts(new HostPair(src.Mac, dst.Mac), snapshot);
            if (conflict.Any(c => c.PolicyId == policyId))
            {
                clashes.Add($"{src.Mac} -> {dst.Mac} ({string.Join(", ", conflict.Select(c => $"via {c.Waypoint} from {c.Source}"))})");
            }
        }

        if (clashes.Count > 0)
        {
            throw Failed($"intents: nothing applied; a pair crosses at most one waypoint, but these would get two: {Pairs(clashes)}");
        }
    }

    private static string Pairs(IEnumerable<string> pairs)
    {
        var list = pairs.ToList();
        return string.Join("; ", list.Take(MaxPairsInMessage)) + (list.Count > MaxPairsInMessage ? $"; and {list.Count - MaxPairsInMessage} more" : "");
    }

    private static RpcException Failed(string message) => new(new Status(StatusCode.FailedPrecondition, message));
}
