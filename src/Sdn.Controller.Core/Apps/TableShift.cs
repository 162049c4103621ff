using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Apps;

/// <summary>
/// Moves an app's table ids to where its stage lives on a switch (<see cref="FlowPipeline"/>): the app writes table
/// <c>n</c>, the switch gets <c>n + Offset</c>, in FLOW_MOD table_id, goto_table instructions (OpenFlow 1.3.5 §7.2.4)
/// and flow/aggregate statistics requests (§7.3.5.2). <c>OFPTT_ALL</c> (0xff, "every table") is kept, so deletes by cookie
/// still reach every table. Offset 0 changes nothing and copies nothing.
/// </summary>
/// <param name="Offset">Tables to add: 1 for forwarding apps behind the ACL stage, else 0.</param>
public readonly record struct TableShift(byte Offset)
{
    /// <summary>Highest table id a flow may use (<c>OFPTT_MAX</c>, 0xfe).</summary>
    public const byte MaxTable = 0xfe;

    /// <summary>The switch's table id for the app's <paramref name="table"/>; 0xff stays 0xff.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shifted id would pass <see cref="MaxTable"/>.</exception>
    public byte Table(byte table) =>
        table == FlowMod.AllTables || Offset == 0 ? table
        : table + Offset <= MaxTable ? (byte)(table + Offset)
        : throw new ArgumentOutOfRangeException(nameof(table), table, $"table {table} + pipeline offset {Offset} passes the last table (254)");

    /// <summary>The FLOW_MOD with its table id and goto_table targets shifted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A shifted id would pass <see cref="MaxTable"/>.</exception>
    public FlowMod Apply(FlowMod flowMod)
    {
        if (Offset == 0)
        {
            return flowMod;
        }

        var instructions = flowMod.Instructions;
        if (instructions.Items.Any(i => i is GotoTableInstruction))
        {
            var self = this;
            instructions = instructions.Items.Select(i => i is GotoTableInstruction g ? new GotoTableInstruction(self.Table(g.TableId)) : i).ToArray();
        }

        return flowMod with { TableId = Table(flowMod.TableId), Instructions = instructions };
    }

    /// <summary>The rule with its table id shifted (no allocation).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shifted id would pass <see cref="MaxTable"/>.</exception>
    public FlowRule Apply(in FlowRule rule) => Offset == 0 ? rule : rule with { TableId = Table(rule.TableId) };

    /// <summary>A message with its table ids shifted: FLOW_MOD, flow and aggregate statistics requests; anything else unchanged.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A shifted id would pass <see cref="MaxTable"/>.</exception>
    public OfpMessage Apply(OfpMessage message) => Offset == 0 ? message : message switch
    {
        FlowMod f => Apply(f),
        FlowStatsRequest s => s with { TableId = Table(s.TableId) },
        AggregateStatsRequest a => a with { TableId = Table(a.TableId) },
        _ => message,
    };
}
