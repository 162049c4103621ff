using System.Net;
using Sdn.Controller.Apps;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Tests.Support.Fabric;

/// <summary>
/// A fake OpenFlow 1.3 switch: a single flow table that applies the FLOW_MODs it is sent (add / delete by cookie /
/// delete strict) and answers "where does this frame go?" like a real table: highest-priority match, apply-actions
/// outputs, packet-in to the controller (reason NO_MATCH for the table-miss entry, ACTION otherwise).
/// </summary>
public sealed class FabricSwitch(Fabric fabric, ulong dpid) : ISwitch
{
    private readonly Dictionary<PortNumber, PortDescription> _ports = [];

    /// <summary>The flow table.</summary>
    public List<FlowMod> Flows { get; } = [];

    /// <summary>The group table (OpenFlow 1.3.5 §5.6): fast-failover groups use their first live bucket.</summary>
    public Dictionary<GroupId, GroupMod> Groups { get; } = [];

    /// <summary>Packet-ins this switch sent to the controller.</summary>
    public int PacketIns { get; set; }

    /// <summary>Whether the switch speaks to the controller (a cut link makes ports down, not the switch).</summary>
    public bool Connected { get; set; } = true;

    public DatapathId Dpid { get; } = new(dpid);

    public OfpVersion Version => OfpVersion.OpenFlow13;

    public IPEndPoint? RemoteEndPoint => null;

    public IReadOnlyDictionary<PortNumber, PortDescription> Ports => _ports;

    public object? AppState { get; set; }

    public void AddPort(uint port, bool up = true) =>
        _ports[new PortNumber(port)] = new PortDescription(new PortNumber(port), new MacAddress(0x0600_0000_0000UL | (dpid << 16) | port), $"s{dpid}-eth{port}", 0, up ? PortState.Live : PortState.LinkDown);

    public bool Send(in FlowRule rule) => Send(rule.ToFlowMod());

    public bool Send(in PacketOutSpec packetOut) => Send(packetOut.ToPacketOut());

    public bool Send(OfpMessage message)
    {
        if (!Connected)
        {
            return false;
        }

        switch (message)
        {
            case FlowMod { Command: FlowModCommand.Add } f:
                Assert.False(f.BufferId.IsBuffered);
                Flows.RemoveAll(e => e.Priority == f.Priority && e.Match == f.Match);
                Flows.Add(f);
                break;
            case FlowMod { Command: FlowModCommand.Delete } f:
                Assert.Equal(Match.Any, f.Match);
                Flows.RemoveAll(e => (e.Cookie & f.CookieMask) == (f.Cookie & f.CookieMask));
                break;
            case FlowMod { Command: FlowModCommand.DeleteStrict } f:
                Flows.RemoveAll(e => e.Priority == f.Priority && e.Match == f.Match);
                break;
            case GroupMod { Command: GroupModCommand.Add } g:
                Assert.False(Groups.ContainsKey(g.GroupId), $"group {g.GroupId} exists (OFPGMFC_GROUP_EXISTS)");
                Groups[g.GroupId] = g;
                break;
            case GroupMod { Command: GroupModCommand.Modify } g:
                Assert.True(Groups.ContainsKey(g.GroupId), $"group {g.GroupId} unknown (OFPGMFC_UNKNOWN_GROUP)");
                Groups[g.GroupId] = g;
                break;
            case GroupMod { Command: GroupModCommand.Delete } g when g.GroupId == GroupId.All:
                Groups.Clear();
                Flows.RemoveAll(f => f.Instructions.OfType<ApplyActionsInstruction>().Any(i => i.Actions.OfType<GroupAction>().Any()));
                break;
            case GroupMod { Command: GroupModCommand.Delete } g:
                Groups.Remove(g.GroupId);
                Flows.RemoveAll(f => f.Instructions.OfType<ApplyActionsInstruction>().Any(i => i.Actions.OfType<GroupAction>().Any(a => a.Group == g.GroupId)));
                break;
            case PacketOut p:
                Assert.False(p.BufferId.IsBuffered);
                fabric.Enqueue(() => Apply(p.Actions, p.InPort, p.Data.ToArray(), null, 0));
                break;
            default:
                throw new NotSupportedException($"fabric switch cannot take {message}");
        }

        return true;
    }

    public Task BarrierAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default) =>
        Task.FromResult<OfpMessage>(new BarrierReply { Xid = request.Xid });

    /// <summary>A frame arrives on <paramref name="inPort"/> having crossed <paramref name="hops"/> switches already.</summary>
    internal void Receive(PortNumber inPort, byte[] frame, int hops)
    {
        if (!_ports.TryGetValue(inPort, out var port) || !port.IsUp)
        {
            return;
        }

        fabric.Trace.Add((Dpid, frame));
        var entry = Flows.Where(f => Matches(f.Match, inPort, frame)).MaxBy(f => f.Priority);
        if (entry is null)
        {
            return; // no table-miss entry: dropped
        }

        var actions = entry.Instructions.Count == 0 ? ValueArray<OfpAction>.Empty : Assert.IsType<ApplyActionsInstruction>(Assert.Single(entry.Instructions)).Actions;
        Apply(actions, inPort, frame, entry, hops);
    }

    private void Apply(ValueArray<OfpAction> actions, PortNumber inPort, byte[] frame, FlowMod? entry, int hops)
    {
        foreach (var action in actions)
        {
            if (action is GroupAction group)
            {
                Assert.True(Groups.TryGetValue(group.Group, out var g), $"flow points at missing group {group.Group}");
                Assert.Equal(GroupType.FastFailover, g.GroupType);
                var live = g.Buckets.FirstOrDefault(b => _ports.TryGetValue(b.WatchPort, out var p) && p.IsUp);
                if (live is not null)
                {
                    Apply(live.Actions, inPort, frame, entry, hops);
                }

                continue;
            }

            var output = Assert.IsType<OutputAction>(action);
            if (output.Port == PortNumber.Controller)
            {
                PacketIns++;
                var reason = entry is { Priority: 0 } && entry.Match.Fields.Count == 0 ? PacketInReason.NoMatch : PacketInReason.Action;
                fabric.PacketIn(this, new PacketIn(BufferId.NoBuffer, (ushort)frame.Length, reason, 0, entry?.Cookie ?? 0,
                    new Match([OxmField.InPort(inPort)]), frame));
            }
            else if (output.Port == PortNumber.InPort)
            {
                fabric.Transmit(this, inPort, frame, hops + 1);
            }
            else if (output.Port.IsPhysical)
            {
                Assert.NotEqual(inPort, output.Port); // OpenFlow drops output to the in_port; the apps must never ask for it
                fabric.Transmit(this, output.Port, frame, hops + 1);
            }
            else
            {
                throw new NotSupportedException($"fabric switch cannot output to {output.Port}");
            }
        }
    }

    private static bool Matches(Match match, PortNumber inPort, byte[] frame) => match.Fields.All(f => f.BasicField switch
    {
        OxmBasicField.InPort => f.ValueAsUInt64() == inPort.Value,
        OxmBasicField.EthDst => (MacAddress.Read(frame).Value & f.MaskAsUInt64()) == (f.ValueAsMac().Value & f.MaskAsUInt64()),
        OxmBasicField.EthSrc => (MacAddress.Read(frame.AsSpan(6)).Value & f.MaskAsUInt64()) == (f.ValueAsMac().Value & f.MaskAsUInt64()),
        OxmBasicField.EthType => f.ValueAsUInt64() == (ulong)((frame[12] << 8) | frame[13]),
        _ => throw new NotSupportedException($"fabric switch cannot match {f}"),
    });
}
