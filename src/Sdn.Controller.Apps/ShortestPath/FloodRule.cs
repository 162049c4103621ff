using System.Collections.Immutable;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// How one switch floods broadcast and multicast frames (eth_dst with the group bit set) that arrive on
/// <see cref="InPort"/>: out of <see cref="OutPorts"/> (spanning-tree and edge ports, never the in port), plus to the
/// controller when <see cref="ToController"/> (frames entering at an edge port, for host tracking). Empty
/// <see cref="OutPorts"/> without controller output is a drop (e.g. an inter-switch port not on the spanning tree).
/// </summary>
/// <param name="InPort">The port the frame arrives on.</param>
/// <param name="OutPorts">Output ports, ascending.</param>
/// <param name="ToController">Also send the whole frame to the controller (packet-in reason ACTION).</param>
public sealed record FloodRule(PortNumber InPort, ImmutableArray<PortNumber> OutPorts, bool ToController)
{
    /// <summary>The group bit of a MAC address as a mask: 01:00:00:00:00:00 (IEEE 802-2014 §8.2).</summary>
    public static readonly MacAddress GroupBit = new(0x0100_0000_0000UL);

    /// <summary>Value equality (ports compared element-wise).</summary>
    public bool Equals(FloodRule? other) =>
        other is not null && InPort == other.InPort && ToController == other.ToController && OutPorts.SequenceEqual(other.OutPorts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InPort, ToController, OutPorts.Length);

    /// <summary>The match: in_port + eth_dst=01:00:00:00:00:00/01:00:00:00:00:00 (OpenFlow 1.3.5 §7.2.3.7, masked OXM).</summary>
    public Match Match => new([OxmField.InPort(InPort), OxmField.EthDst(GroupBit, GroupBit)]);

    /// <summary>FLOW_MOD adding (or replacing) the rule at <paramref name="priority"/>; no timeouts.</summary>
    public FlowMod ToFlowMod(ushort priority)
    {
        var actions = OutPorts.Select(p => (OfpAction)new OutputAction(p, 0)).ToList();
        if (ToController)
        {
            actions.Add(new OutputAction(PortNumber.Controller, OutputAction.NoBuffer));
        }

        ValueArray<OfpInstruction> instructions = actions.Count == 0 ? ValueArray<OfpInstruction>.Empty : [new ApplyActionsInstruction([.. actions])];
        return new FlowMod(FlowModCommand.Add, Match, instructions) { Priority = priority };
    }

    /// <summary>FLOW_MOD deleting exactly this rule (DELETE_STRICT on match + priority).</summary>
    public FlowMod ToDelete(ushort priority) => new(FlowModCommand.DeleteStrict, Match, ValueArray<OfpInstruction>.Empty) { Priority = priority };
}
