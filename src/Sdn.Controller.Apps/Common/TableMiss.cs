using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Common;

/// <summary>
/// The table-miss flow entry (OpenFlow 1.3.5 §5.4): priority 0, empty match, apply-actions output CONTROLLER with
/// max_len <c>OFPCML_NO_BUFFER</c>, so every unmatched packet reaches the controller whole.
/// </summary>
public static class TableMiss
{
    /// <summary>The FLOW_MOD that installs it in table 0 (the app's cookie is stamped on by the core).</summary>
    public static FlowMod FlowMod() => new(
        FlowModCommand.Add,
        Match.Any,
        [new ApplyActionsInstruction([new OutputAction(PortNumber.Controller, OutputAction.NoBuffer)])])
    {
        Priority = 0,
    };
}
