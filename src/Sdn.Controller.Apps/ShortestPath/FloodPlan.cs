using System.Collections.Immutable;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Computes loop-free flooding: frames travel only along the minimum spanning forest of the working links and out of
/// confirmed edge ports. Pure: snapshot + spanning forest + edge predicate → rules.
/// </summary>
public static class FloodPlan
{
    /// <summary>
    /// The flood rules of <paramref name="dpid"/>: one per live port. A tree port or confirmed edge port floods to
    /// every other tree and confirmed edge port (edge ports also copy to the controller); an inter-switch port off the
    /// tree, and a port still in its grace period, drop.
    /// </summary>
    /// <param name="snapshot">The topology.</param>
    /// <param name="forest">Minimum spanning forest of <paramref name="snapshot"/>'s working links.</param>
    /// <param name="dpid">The switch.</param>
    /// <param name="isConfirmedEdge">True for a live edge port past its grace period.</param>
    /// <returns>Rules keyed by in port; empty for an unknown switch.</returns>
    public static ImmutableDictionary<PortNumber, FloodRule> For(TopologySnapshot snapshot, SpanningForest forest, DatapathId dpid, Func<SwitchPort, bool> isConfirmedEdge)
    {
        if (!snapshot.Switches.TryGetValue(dpid, out var sw))
        {
            return ImmutableDictionary<PortNumber, FloodRule>.Empty;
        }

        var tree = forest.PortsOf(dpid).ToHashSet();
        var edges = sw.LivePorts.Where(p => !tree.Contains(p) && !snapshot.IsInterSwitchPort(new SwitchPort(dpid, p)) && isConfirmedEdge(new SwitchPort(dpid, p))).ToHashSet();
        var flood = tree.Concat(edges).OrderBy(p => p.Value).ToImmutableArray();
        var rules = ImmutableDictionary.CreateBuilder<PortNumber, FloodRule>();
        foreach (var port in sw.LivePorts)
        {
            var floods = tree.Contains(port) || edges.Contains(port);
            var outPorts = floods ? flood.Remove(port) : [];
            rules[port] = new FloodRule(port, outPorts, edges.Contains(port));
        }

        return rules.ToImmutable();
    }
}
