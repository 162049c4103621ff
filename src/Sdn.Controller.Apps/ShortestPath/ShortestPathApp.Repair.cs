using Microsoft.Extensions.Logging;
using Sdn.Controller.Topology.Events;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;

namespace Sdn.Controller.Apps.ShortestPath;

public sealed partial class ShortestPathApp
{
    private void OnTopologyEvent(TopologyEvent evt)
    {
        lock (_gate)
        {
            switch (evt)
            {
                case LinkDown down:
                    RerouteAll(_paths.Through(down.Link), $"link down {down.Link} ({down.Reason})");
                    break;
                case SwitchDown down:
                    RerouteAll(_paths.Through(down.Dpid), $"switch down {down.Dpid} ({down.Reason})");
                    break;
                case HostMoved moved:
                    RemoveAll(_paths.Of(moved.Host.Mac), "host moved");
                    break;
                case HostRemoved removed:
                    RemoveAll(_paths.Of(removed.Host.Mac), "host removed");
                    break;
                case HostAddressesChanged changed:
                    MoveForConstraints(_paths.Of(changed.Host.Mac), $"host {changed.Host.Mac} addresses learned (path intents)");
                    break;
                case LinkUp up when _options.ReoptimizeOnLinkUp:
                    RerouteAll([.. _paths.All], $"link up {up.Link} (re-optimise)", onlyIfShorter: true);
                    break;
            }

            if (evt is LinkUp)
            {
                Reprotect();
            }

            if (evt is LinkUp or LinkDown or SwitchUp or SwitchDown or PortUp or PortDown)
            {
                RecomputeFlooding();
            }
        }
    }

    private void RemoveAll(IReadOnlyList<InstalledPath> paths, string reason)
    {
        foreach (var path in paths)
        {
            RemovePath(path, reason);
        }
    }

    /// <summary>
    /// Controller repair, make-before-break: each path gets a new shortest path under a new cookie; once every switch
    /// of the new path has confirmed (barrier), the old cookie's flows and groups are deleted and
    /// <see cref="PathRerouted"/> is published with the repair time. Pairs with no path left lose their flows
    /// (<see cref="PathUnreachable"/>). Caller holds the lock.
    /// </summary>
    private void RerouteAll(IReadOnlyList<InstalledPath> paths, string cause, bool onlyIfShorter = false)
    {
        if (paths.Count == 0)
        {
            return;
        }

        var started = _time.GetTimestamp();
        var snapshot = _topology.Current;
        var (graph, _) = _graph.Of(snapshot);
        var now = _time.GetUtcNow();
        foreach (var old in paths)
        {
            if (_paths.Find(old.Pair) != old)
            {
                continue; // already moved by an earlier event in this burst
            }

            if (onlyIfShorter && RouterFor(graph, snapshot, old.Pair).Primary(old.From.Dpid, old.To.Dpid) is { } best && best.HopCount >= old.Path.HopCount)
            {
                continue;
            }

            if (Reinstall(graph, snapshot, old, now, cause) is not { } fresh)
            {
                continue;
            }

            var confirm = fresh.Switches.Select(d => _switches[d]).ToList();
            _ = FinishRerouteAsync(old, fresh, confirm, started, cause);
        }
    }

    /// <summary>
    /// Installs a new path for <paramref name="old"/>'s pair between the same ends (new cookie; the old flows stay for
    /// the caller to retire), or, when none is left, removes the pair's flows and publishes <see cref="PathUnreachable"/>.
    /// Caller holds the lock.
    /// </summary>
    /// <returns>The new path, or null when the pair is unreachable.</returns>
    private InstalledPath? Reinstall(PathGraph graph, TopologySnapshot snapshot, InstalledPath old, DateTimeOffset now, string cause)
    {
        var fresh = Install(graph, snapshot, old.Pair, old.From, old.To, now, out _);
        if (fresh is null)
        {
            RemovePath(old, "unreachable");
            _log.LogWarning("{Pair} is unreachable after {Cause}; its flows were removed", old.Pair, cause);
            _bus.Publish(new PathUnreachable(now, old.Pair, cause));
        }

        return fresh;
    }

    private async Task FinishRerouteAsync(InstalledPath old, InstalledPath fresh, List<ISwitch> confirm, long started, string cause)
    {
        await ConfirmAsync(confirm, fresh.Pair, "Reroute").ConfigureAwait(false);
        var repairMs = _time.GetElapsedTime(started).TotalMilliseconds;
        lock (_gate)
        {
            RemoveFlows(old);
        }

        Convergence.Record(repairMs);
        _log.LogInformation("Rerouted {Pair} in {RepairMs:F1} ms after {Cause}: {Old} => {New}", fresh.Pair, repairMs, cause, old.Path, fresh.Path);
        _bus.Publish(new PathRerouted(_time.GetUtcNow(), fresh.Pair, old.Hops, fresh.Hops, repairMs, cause));
    }

    /// <summary>Waits for a barrier reply from every switch in <paramref name="confirm"/>; a failure is logged, not thrown.</summary>
    /// <returns>False when a switch did not confirm.</returns>
    private async Task<bool> ConfirmAsync(List<ISwitch> confirm, HostPair pair, string what)
    {
        try
        {
            await Task.WhenAll(confirm.Select(s => s.BarrierAsync())).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or Channel.SwitchDisconnectedException)
        {
            _log.LogWarning("{What} of {Pair} not confirmed ({Error})", what, pair, ex.Message);
            return false;
        }
    }
}
