using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>The FLOW_MODs of a path (OpenFlow 1.3.5 §7.3.4.1).</summary>
public static class PathFlows
{
    /// <summary>
    /// One FLOW_MOD (add) per hop, egress switch first: match eth_src + eth_dst, apply-actions output to the hop's out
    /// port, the path's cookie, <paramref name="idleTimeout"/> s. The ingress flow (last in the list) carries
    /// SEND_FLOW_REM so the app learns when the path idles out.
    /// </summary>
    /// <returns>(switch, flow-mod) pairs in installation order.</returns>
    public static IReadOnlyList<(DatapathId Switch, FlowMod FlowMod)> EgressFirst(HostPair pair, IReadOnlyList<Hop> hops, ulong cookie, ushort priority, ushort idleTimeout)
    {
        var match = new Match([OxmField.EthDst(pair.Destination), OxmField.EthSrc(pair.Source)]);
        var flows = new List<(DatapathId, FlowMod)>(hops.Count);
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            var hop = hops[i];
            flows.Add((hop.Switch, new FlowMod(FlowModCommand.Add, match, [new ApplyActionsInstruction([new OutputAction(hop.OutPort, 0)])])
            {
                Cookie = cookie,
                Priority = priority,
                IdleTimeout = idleTimeout,
                Flags = i == 0 ? FlowModFlags.SendFlowRemoved : FlowModFlags.None,
            }));
        }

        return flows;
    }

    /// <summary>FLOW_MOD deleting every flow with exactly <paramref name="cookie"/> (DELETE, cookie mask all ones, any table).</summary>
    public static FlowMod DeleteByCookie(ulong cookie) => new(FlowModCommand.Delete, Match.Any, ValueArray<OfpInstruction>.Empty)
    {
        Cookie = cookie,
        CookieMask = ulong.MaxValue,
        TableId = 0xff,
    };
}
