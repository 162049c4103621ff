using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Everything one path needs on the switches, in the order to send it: fast-failover groups first, then the detour
/// flows, then the primary flows egress switch first (the ingress flow last, so no switch forwards the pair before
/// the rest of the path is in place).
/// </summary>
/// <param name="Messages">(switch, GROUP_MOD or FLOW_MOD) in sending order.</param>
/// <param name="Groups">Fast-failover groups created, to delete with the path.</param>
/// <param name="ProtectedHops">Hops whose next link has a local backup (a fast-failover group).</param>
public sealed record PathProgram(IReadOnlyList<(DatapathId Switch, OfpMessage Message)> Messages, IReadOnlyList<(DatapathId Switch, GroupId Group)> Groups, int ProtectedHops)
{
    /// <summary>
    /// Builds the program of <paramref name="pair"/>'s path. With a <paramref name="graph"/>, every hop but the last
    /// gets local protection where the graph allows it (OpenFlow 1.3.5 §5.6.1 fast failover): the hop's flow points at
    /// an OFPGT_FF group whose first bucket outputs to the primary port (watch_port = that port) and whose second
    /// outputs to the first port of the shortest detour from that switch to the destination avoiding the primary's
    /// next cable (<c>IN_PORT</c> when the detour turns back); the detour's other switches get flows that also match
    /// in_port (priority + 10, no idle timeout) so detoured frames never meet the primary flows coming the other way.
    /// A detour that would contradict the primary or an earlier detour at some (switch, in_port) is not used.
    /// </summary>
    /// <param name="pair">The host pair (match eth_src + eth_dst).</param>
    /// <param name="path">The primary path.</param>
    /// <param name="hops">Its hops (ingress in port to egress host port).</param>
    /// <param name="cookie">Cookie for every flow.</param>
    /// <param name="priority">Priority of the primary flows.</param>
    /// <param name="idleTimeout">Idle timeout of the primary flows (s).</param>
    /// <param name="graph">The topology graph for detours, or null for no fast failover.</param>
    /// <param name="allocateGroup">Hands out a free group id on a switch.</param>
    /// <param name="router">Computes the detours under the pair's constraints; null for plain shortest detours on <paramref name="graph"/>.</param>
    public static PathProgram Build(HostPair pair, NetworkPath path, IReadOnlyList<Hop> hops, ulong cookie, ushort priority, ushort idleTimeout, PathGraph? graph, Func<DatapathId, GroupId> allocateGroup, ConstrainedRouter? router = null)
    {
        var match = new Match([OxmField.EthDst(pair.Destination), OxmField.EthSrc(pair.Source)]);
        var groups = new List<(DatapathId, GroupId)>();
        var groupMods = new List<(DatapathId, OfpMessage)>();
        var detourFlows = new Dictionary<(DatapathId Switch, PortNumber InPort), PortNumber>();
        var hopAction = new OfpAction?[hops.Count];
        for (var i = 0; graph is not null && i < hops.Count - 1; i++)
        {
            if (Detour(router ?? new ConstrainedRouter(graph, PathConstraint.None), path, hops, i, detourFlows) is not { } detour)
            {
                continue;
            }

            var hop = hops[i];
            var id = allocateGroup(hop.Switch);
            var backupPort = detour[0].OutPort;
            var backupOut = backupPort == hop.InPort ? PortNumber.InPort : backupPort;
            groupMods.Add((hop.Switch, new GroupMod(GroupModCommand.Add, GroupType.FastFailover, id,
            [
                new Bucket(0, hop.OutPort, GroupId.Any, [new OutputAction(hop.OutPort, 0)]),
                new Bucket(0, backupPort, GroupId.Any, [new OutputAction(backupOut, 0)]),
            ])));
            groups.Add((hop.Switch, id));
            hopAction[i] = new GroupAction(id);
            foreach (var d in detour.Skip(1))
            {
                detourFlows[(d.Switch, d.InPort)] = d.OutPort;
            }
        }

        var messages = new List<(DatapathId, OfpMessage)>(groupMods);
        foreach (var ((dpid, inPort), outPort) in detourFlows)
        {
            var detourMatch = new Match([OxmField.InPort(inPort), OxmField.EthDst(pair.Destination), OxmField.EthSrc(pair.Source)]);
            messages.Add((dpid, Flow(detourMatch, new OutputAction(outPort, 0), cookie, (ushort)(priority + 10), 0, FlowModFlags.None)));
        }

        for (var i = hops.Count - 1; i >= 0; i--)
        {
            var action = hopAction[i] ?? new OutputAction(hops[i].OutPort, 0);
            messages.Add((hops[i].Switch, Flow(match, action, cookie, priority, idleTimeout, i == 0 ? FlowModFlags.SendFlowRemoved : FlowModFlags.None)));
        }

        return new PathProgram(messages, groups, groups.Count);
    }

    /// <summary>The detour hops from hop <paramref name="i"/>'s switch avoiding its next cable, or null when there is none or it conflicts.</summary>
    private static IReadOnlyList<Hop>? Detour(ConstrainedRouter router, NetworkPath path, IReadOnlyList<Hop> hops, int i, Dictionary<(DatapathId, PortNumber), PortNumber> taken)
    {
        var detour = router.Detour(path, i);
        if (detour is null)
        {
            return null;
        }

        var detourHops = detour.ToHops(hops[i].InPort, hops[^1].OutPort);
        foreach (var d in detourHops.Skip(1))
        {
            if (taken.TryGetValue((d.Switch, d.InPort), out var other) && other != d.OutPort)
            {
                return null; // an earlier detour sends frames entering here elsewhere
            }

            if (hops.Any(p => p.Switch == d.Switch && p.InPort == d.InPort && p.OutPort != d.OutPort))
            {
                return null; // the primary enters this switch on the same port: an in_port flow would hijack it
            }
        }

        return detourHops;
    }

    private static FlowMod Flow(Match match, OfpAction action, ulong cookie, ushort priority, ushort idleTimeout, FlowModFlags flags) =>
        new(FlowModCommand.Add, match, [new ApplyActionsInstruction([action])])
        {
            Cookie = cookie,
            Priority = priority,
            IdleTimeout = idleTimeout,
            Flags = flags,
        };

    /// <summary>GROUP_MOD deleting group <paramref name="group"/> (and, per OpenFlow 1.3.5 §6.5, the flows that use it).</summary>
    public static GroupMod DeleteGroup(GroupId group) => new(GroupModCommand.Delete, GroupType.FastFailover, group, ValueArray<Bucket>.Empty);
}
