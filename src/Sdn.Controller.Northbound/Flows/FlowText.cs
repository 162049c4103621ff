using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Northbound.Flows;

/// <summary>Human-readable match and action text for ListFlows (in the spirit of ovs-ofctl).</summary>
public static class FlowText
{
    /// <summary>OXM fields joined by commas; empty for match-all.</summary>
    public static string Of(Match match) => string.Join(',', match.Fields.ToArray().Select(f => f.ToString()));

    /// <summary>
    /// Actions of every apply-actions instruction and <c>goto_table:N</c> for goto-table (OpenFlow 1.3.5 §7.2.4), comma
    /// separated; "drop" when there are none.
    /// </summary>
    public static string Of(IEnumerable<OfpInstruction> instructions)
    {
        var parts = new List<string>();
        foreach (var instruction in instructions)
        {
            if (instruction is ApplyActionsInstruction apply)
            {
                parts.AddRange(apply.Actions.ToArray().Select(a => a switch
                {
                    OutputAction o => $"output:{o.Port}",
                    GroupAction g => $"group:{g.Group.Value}",
                    _ => a.GetType().Name.Replace("Action", "", StringComparison.Ordinal).ToLowerInvariant(),
                }));
            }
            else if (instruction is GotoTableInstruction gotoTable)
            {
                parts.Add($"goto_table:{gotoTable.TableId}");
            }
            else
            {
                parts.Add(instruction.GetType().Name.Replace("Instruction", "", StringComparison.Ordinal).ToLowerInvariant());
            }
        }

        return parts.Count == 0 ? "drop" : string.Join(',', parts);
    }
}
