using Microsoft.Extensions.Logging;

namespace Sdn.Controller.Apps.ShortestPath;

public sealed partial class ShortestPathApp
{
    /// <summary>
    /// After a link comes back: a path computed while it was down got no fast-failover backup where the backup needed
    /// that link, and would stay unprotected for good. Every path that the graph now allows to protect better is
    /// reinstalled on the same switches with its backups, make-before-break (new cookie, barrier, then the old cookie's
    /// flows and groups are deleted). Not a reroute: no <see cref="PathRerouted"/>, no convergence sample. Caller holds
    /// the lock.
    /// </summary>
    private void Reprotect()
    {
        if (!_options.FastFailover)
        {
            return;
        }

        var snapshot = _topology.Current;
        var (graph, _) = _graph.Of(snapshot);
        var now = _time.GetUtcNow();
        foreach (var old in _paths.All.Where(p => p.Groups.Count < p.Hops.Count - 1).ToList())
        {
            if (!old.Switches.All(_switches.ContainsKey)
                || PathProgram.Build(old.Pair, old.Path, old.Hops, 0, 0, 0, graph, _ => default, RouterFor(graph, snapshot, old.Pair)).ProtectedHops <= old.Groups.Count)
            {
                continue;
            }

            var fresh = Install(graph, snapshot, old.Pair, old.From, old.To, now, out _, old.Path);
            if (fresh is null)
            {
                continue;
            }

            _log.LogInformation("Re-protected {Pair}: {Before} -> {After} fast-failover groups", old.Pair, old.Groups.Count, fresh.Groups.Count);
            var confirm = fresh.Switches.Select(d => _switches[d]).ToList();
            _ = RetireAfterBarriersAsync(old, confirm);
        }
    }

    private async Task RetireAfterBarriersAsync(InstalledPath old, List<ISwitch> confirm)
    {
        await ConfirmAsync(confirm, old.Pair, "Re-protection").ConfigureAwait(false);
        lock (_gate)
        {
            RemoveFlows(old);
        }
    }
}
