using Microsoft.Extensions.Logging;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;

namespace Sdn.Controller.Apps.ShortestPath;

public sealed partial class ShortestPathApp
{
    private void Forward(ISwitch sw, TopologySnapshot snapshot, SwitchPort here, MacAddress src, Host dstHost, BufferId bufferId, ReadOnlySpan<byte> frame)
    {
        var pair = new HostPair(src, dstHost.Mac);
        var now = _time.GetUtcNow();
        List<ISwitch> confirm;
        PortNumber outPort;
        lock (_gate)
        {
            if (!_switches.ContainsKey(sw.Dpid))
            {
                return;
            }

            var existing = _paths.Find(pair);
            var inFlight = existing is not null && now - existing.InstalledAt < InstallInFlight;

            // A frame that reached the controller from a switch-to-switch cable while its pair has a path starting elsewhere
            // was in flight when that path was replaced (or met a switch that lost its flow): it must not move the pair's
            // path to start here, which would delete the real ingress flows.
            var transit = existing is not null && existing.From != here && snapshot.IsInterSwitchPort(here);
            if ((inFlight || transit) && existing!.Hops.FirstOrDefault(h => h.Switch == sw.Dpid) is { } onPath && onPath.Switch == sw.Dpid)
            {
                // Flows for this pair are on their way; send this packet along the same path without reinstalling.
                sw.Send(new PacketOutSpec(bufferId, here.Port, onPath.OutPort, bufferId.IsBuffered ? [] : frame));
                if (inFlight)
                {
                    return;
                }
            }
            else if (transit && inFlight)
            {
                return;
            }

            var (graph, _) = _graph.Of(snapshot);
            if (transit)
            {
                // Not in flight: a flow is missing somewhere; reinstall the pair's path from its real ingress.
                if (Install(graph, snapshot, pair, existing!.From, dstHost.Location, now, out var stale) is not null && stale is not null)
                {
                    RemoveFlows(stale);
                }

                return;
            }

            var forward = Install(graph, snapshot, pair, here, dstHost.Location, now, out var replaced);
            if (forward is null)
            {
                _log.LogDebug("No path {From} -> {To} for {Pair}; packet dropped", here, dstHost.Location, pair);
                return;
            }

            if (replaced is not null)
            {
                RemoveFlows(replaced);
            }

            var srcHost = snapshot.FindHost(src);
            var reversePair = new HostPair(dstHost.Mac, src);
            if (srcHost is not null && srcHost.Location == here && (_paths.Find(reversePair) is not { } rev || now - rev.InstalledAt >= InstallInFlight))
            {
                Install(graph, snapshot, reversePair, dstHost.Location, here, now, out var reverseReplaced);
                if (reverseReplaced is not null)
                {
                    RemoveFlows(reverseReplaced);
                }
            }

            confirm = [.. forward.Switches.Select(d => _switches[d])];
            outPort = forward.Hops[0].OutPort;
        }

        var data = bufferId.IsBuffered ? [] : frame.ToArray();
        _ = SendAfterBarriersAsync(sw, confirm, bufferId, here.Port, outPort, data, pair);
    }

    /// <summary>
    /// Computes and installs the path of <paramref name="pair"/> from <paramref name="from"/> to <paramref name="to"/>
    /// (groups, detours, primary egress first) under a new cookie and records it. The pair's previous path, if any, is
    /// returned in <paramref name="replaced"/> with its flows still on the switches (make-before-break: the caller
    /// removes them). With <paramref name="primary"/>, that switch-level path is kept instead of computing the shortest one.
    /// Primary and detours follow the pair's constraints (<see cref="IPathConstraintProvider"/>).
    /// Caller holds the lock.
    /// </summary>
    private InstalledPath? Install(PathGraph graph, TopologySnapshot snapshot, HostPair pair, SwitchPort from, SwitchPort to, DateTimeOffset now, out InstalledPath? replaced, NetworkPath? primary = null)
    {
        replaced = null;
        var router = RouterFor(graph, snapshot, pair);
        var path = primary ?? router.Primary(from.Dpid, to.Dpid);
        if (path is null || path.Switches.Any(d => !_switches.ContainsKey(d)))
        {
            return null;
        }

        var cookie = ((ulong)CookieId << 56) | (++_nextPathId & 0x00ff_ffff_ffff_ffffUL);
        var hops = path.ToHops(from.Port, to.Port);
        var program = PathProgram.Build(pair, path, hops, cookie, _options.PathPriority, _options.IdleTimeout,
            _options.FastFailover ? graph : null, _groupIds.Allocate, router);
        foreach (var (dpid, message) in program.Messages)
        {
            _switches[dpid].Send(message);
        }

        var installed = new InstalledPath(pair, cookie, path, hops, snapshot.Version, now, program.Groups) { Constraint = router.Constraint };
        replaced = _paths.Add(installed);
        _log.LogInformation("Path {Pair}: {Path} (cookie 0x{Cookie:x16}, {Protected} of {Hops} hops fast-failover protected)", pair, path, cookie, program.ProtectedHops, hops.Count);
        return installed;
    }

    private async Task SendAfterBarriersAsync(ISwitch ingress, List<ISwitch> confirm, BufferId bufferId, PortNumber inPort, PortNumber outPort, byte[] data, HostPair pair)
    {
        try
        {
            await Task.WhenAll(confirm.Select(s => s.BarrierAsync())).ConfigureAwait(false);
            ingress.Send(new PacketOutSpec(bufferId, inPort, outPort, data));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or Channel.SwitchDisconnectedException)
        {
            _log.LogInformation("Path for {Pair} not confirmed ({Error}); its first packet is dropped", pair, ex.Message);
        }
    }

    /// <summary>Forgets a path and deletes its flows and groups. Caller holds the lock.</summary>
    private void RemovePath(InstalledPath path, string reason)
    {
        if (_paths.Find(path.Pair) == path)
        {
            _paths.Remove(path.Pair);
        }

        RemoveFlows(path);
        _log.LogDebug("Path {Pair} removed ({Reason})", path.Pair, reason);
    }

    /// <summary>Deletes a path's flows (by cookie) on every switch it or its detours cross, then its groups. Caller holds the lock.</summary>
    private void RemoveFlows(InstalledPath path)
    {
        foreach (var sw in _switches.Values)
        {
            // Detour flows may sit on switches off the primary path: delete by cookie everywhere (cheap, exact).
            sw.Send(CookieRange.DeleteExactly(path.Cookie));
        }

        foreach (var (dpid, group) in path.Groups)
        {
            if (_switches.TryGetValue(dpid, out var sw))
            {
                sw.Send(PathProgram.DeleteGroup(group));
            }

            _groupIds.Release(dpid, group);
        }
    }
}
