using Sdn.Controller.Northbound.Flows;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// One line of <c>flow_changes</c> (ApplyPolicy / DeletePolicy, dry run or not), in the spirit of ovs-ofctl:
/// <c>add dpid=0000000000000001 table=0 priority=1010 eth_src=00:00:00:00:00:01 actions=drop cookie=0x20…</c>,
/// <c>… actions=goto_table:1 …</c> for ALLOW, <c>delete dpid=0000000000000001 table=all cookie=0x20…</c>.
/// </summary>
public static class FlowChangeText
{
    /// <summary>An added flow: dpid, table id, OpenFlow priority, match (<c>any</c> for match-all), actions, cookie.</summary>
    /// <param name="dpid">The switch.</param>
    /// <param name="flow">The FLOW_MOD (add).</param>
    /// <param name="matchText">The rule's match text (<see cref="AclEntry.Text"/>).</param>
    public static string Add(DatapathId dpid, FlowMod flow, string matchText) =>
        $"add dpid={dpid} table={flow.TableId} priority={flow.Priority} {(matchText.Length == 0 ? "any" : matchText)} actions={FlowText.Of(flow.Instructions.Items)} cookie=0x{flow.Cookie:x16}";

    /// <summary>A delete by cookie: dpid, table id (<c>all</c> for 0xff), cookie.</summary>
    /// <param name="dpid">The switch.</param>
    /// <param name="delete">The FLOW_MOD (delete).</param>
    public static string Delete(DatapathId dpid, FlowMod delete) =>
        $"delete dpid={dpid} table={(delete.TableId == FlowMod.AllTables ? "all" : delete.TableId.ToString(System.Globalization.CultureInfo.InvariantCulture))} cookie=0x{delete.Cookie:x16}";
}
