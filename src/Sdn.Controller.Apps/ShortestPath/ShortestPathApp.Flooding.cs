using System.Collections.Immutable;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;

namespace Sdn.Controller.Apps.ShortestPath;

public sealed partial class ShortestPathApp
{
    private readonly Dictionary<DatapathId, ImmutableDictionary<PortNumber, FloodRule>> _installedFlood = [];
    private readonly Dictionary<SwitchPort, DateTimeOffset> _liveSince = [];

    /// <summary>The flood rules installed on <paramref name="dpid"/> (empty when none).</summary>
    public ImmutableDictionary<PortNumber, FloodRule> FloodRulesOf(DatapathId dpid)
    {
        lock (_gate)
        {
            return _installedFlood.GetValueOrDefault(dpid) ?? ImmutableDictionary<PortNumber, FloodRule>.Empty;
        }
    }

    /// <summary>Re-evaluates the flood rules now (edge ports may have passed their grace period).</summary>
    public void RefreshFlooding()
    {
        lock (_gate)
        {
            RecomputeFlooding();
        }
    }

    /// <summary>Brings every switch's flood rules in line with the current topology; sends only the differences. Caller holds the lock.</summary>
    private void RecomputeFlooding()
    {
        var snapshot = _topology.Current;
        var now = _time.GetUtcNow();
        TrackLiveSince(snapshot, now);
        var (_, forest) = _graph.Of(snapshot);
        var grace = TimeSpan.FromSeconds(_options.EdgePortGrace);
        bool IsConfirmedEdge(SwitchPort p) => _liveSince.TryGetValue(p, out var since) && now - since >= grace;

        foreach (var (dpid, sw) in _switches)
        {
            var desired = FloodPlan.For(snapshot, forest, dpid, IsConfirmedEdge);
            var installed = _installedFlood.GetValueOrDefault(dpid) ?? ImmutableDictionary<PortNumber, FloodRule>.Empty;
            foreach (var (port, rule) in desired)
            {
                if (!installed.TryGetValue(port, out var old) || !old.Equals(rule))
                {
                    sw.Send(rule.ToFlowMod(_options.FloodPriority));
                }
            }

            foreach (var (port, rule) in installed)
            {
                if (!desired.ContainsKey(port))
                {
                    sw.Send(rule.ToDelete(_options.FloodPriority));
                }
            }

            _installedFlood[dpid] = desired;
        }
    }

    private void TrackLiveSince(TopologySnapshot snapshot, DateTimeOffset now)
    {
        var live = snapshot.Switches.Values.SelectMany(s => s.LivePorts.Select(p => new SwitchPort(s.Dpid, p))).ToHashSet();
        foreach (var port in live)
        {
            _liveSince.TryAdd(port, now);
        }

        foreach (var port in _liveSince.Keys.Where(p => !live.Contains(p)).ToList())
        {
            _liveSince.Remove(port);
        }
    }

    /// <summary>Unknown destination: the controller sends the frame out of every confirmed edge port but the one it came from.</summary>
    private void DeliverToEdges(TopologySnapshot snapshot, SwitchPort from, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            foreach (var (dpid, sw) in _switches)
            {
                if (!_installedFlood.TryGetValue(dpid, out var rules))
                {
                    continue;
                }

                foreach (var rule in rules.Values)
                {
                    var port = new SwitchPort(dpid, rule.InPort);
                    if (rule.ToController && port != from && !snapshot.IsInterSwitchPort(port))
                    {
                        sw.Send(new PacketOutSpec(BufferId.NoBuffer, PortNumber.Controller, rule.InPort, frame));
                    }
                }
            }
        }
    }
}
