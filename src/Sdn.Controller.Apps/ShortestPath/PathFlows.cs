using Sdn.OpenFlow;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>The FLOW_MODs of a path (OpenFlow 1.3.5 §7.3.4.1).</summary>
public static class PathFlows
{
    /// <summary>FLOW_MOD deleting every flow with exactly <paramref name="cookie"/> (DELETE, cookie mask all ones, any table).</summary>
    public static FlowMod DeleteByCookie(ulong cookie) => new(FlowModCommand.Delete, Match.Any, ValueArray<OfpInstruction>.Empty)
    {
        Cookie = cookie,
        CookieMask = ulong.MaxValue,
        TableId = 0xff,
    };
}
