using Sdn.OpenFlow.Flows;
using System.Net;
using Sdn.Controller.Apps.Common;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Tests.Support;

/// <summary>
/// A tiny OpenFlow 1.3 network for app tests: switches with one flow table that understands just what L2 apps use
/// (match on in_port / eth_dst / eth_src, apply-actions output to a port, FLOOD or CONTROLLER), hosts on ports,
/// and point-to-point links. Frames travel hop by hop through a FIFO, so runs are deterministic. A table miss with
/// no entry drops (OpenFlow 1.3.5 §5.4). Anything the simulator does not model throws, so a test cannot pass by
/// accident.
/// </summary>
public sealed class SimNetwork(IPacketInHandler app)
{
    private readonly Queue<(SimSwitch Switch, uint Port, byte[] Frame)> _inFlight = new();
    private readonly Dictionary<(SimSwitch, uint), object> _peers = [];

    public Dictionary<string, List<byte[]>> Received { get; } = [];

    public IPacketInHandler App => app;

    public SimSwitch AddSwitch(ulong dpid) => new(this, dpid);

    public void Link(SimSwitch a, uint portA, SimSwitch b, uint portB)
    {
        _peers.Add((a, portA), (b, portB));
        _peers.Add((b, portB), (a, portA));
        a.Ports.Add(portA);
        b.Ports.Add(portB);
    }

    public void AttachHost(string host, SimSwitch sw, uint port)
    {
        _peers.Add((sw, port), host);
        sw.Ports.Add(port);
        Received[host] = [];
    }

    /// <summary>Host <paramref name="host"/> sends <paramref name="frame"/>; runs until the network is quiet.</summary>
    public void Send(string host, byte[] frame)
    {
        var (sw, port) = _peers.Single(p => Equals(p.Value, host)).Key;
        _inFlight.Enqueue((sw, port, frame));
        while (_inFlight.TryDequeue(out var hop))
        {
            hop.Switch.Receive(hop.Port, hop.Frame);
        }
    }

    internal void Transmit(SimSwitch from, uint port, byte[] frame)
    {
        switch (_peers[(from, port)])
        {
            case string host:
                Received[host].Add(frame);
                break;
            case (SimSwitch next, uint nextPort):
                _inFlight.Enqueue((next, nextPort, frame));
                break;
        }
    }
}

/// <summary>One simulated switch; it is also the <see cref="ISwitch"/> the app talks to.</summary>
public sealed class SimSwitch(SimNetwork network, ulong dpid) : ISwitch
{
    public List<FlowMod> Flows { get; } = [];

    public SortedSet<uint> Ports { get; } = [];

    public int PacketIns { get; private set; }

    public DatapathId Dpid { get; } = new(dpid);

    public OfpVersion Version => OfpVersion.OpenFlow13;

    public IPEndPoint? RemoteEndPoint => null;

    IReadOnlyDictionary<PortNumber, PortDescription> ISwitch.Ports => throw new NotSupportedException();

    public object? AppState { get; set; }

    public bool Send(in FlowRule rule) => Send(rule.ToFlowMod());

    public bool Send(in PacketOutSpec packetOut) => Send(packetOut.ToPacketOut());

    public bool Send(OfpMessage message)
    {
        switch (message)
        {
            case FlowMod { Command: FlowModCommand.Add, BufferId.IsBuffered: false, TableId: 0 } f:
                Flows.RemoveAll(e => e.Priority == f.Priority && e.Match == f.Match);
                Flows.Add(f);
                return true;
            case PacketOut { BufferId.IsBuffered: false } p:
                Apply(p.Actions, p.InPort.Value, p.Data.ToArray());
                return true;
            default:
                throw new NotSupportedException($"simulator cannot take {message}");
        }
    }

    public Task BarrierAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    internal void Receive(uint inPort, byte[] frame)
    {
        Assert.True(EthernetHeader.TryRead(frame, out var eth));
        var entry = Flows.Where(f => Matches(f.Match, inPort, eth)).MaxBy(f => f.Priority);
        if (entry is null)
        {
            return;
        }

        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(entry.Instructions));
        Apply(apply.Actions, inPort, frame, entry);
    }

    private void Apply(ValueArray<OfpAction> actions, uint inPort, byte[] frame, FlowMod? entry = null)
    {
        foreach (var action in actions)
        {
            var output = Assert.IsType<OutputAction>(action);
            if (output.Port == PortNumber.Controller && entry is not null)
            {
                PacketIns++;
                var reason = entry.Priority == 0 && entry.Match.Fields.Count == 0 ? PacketInReason.NoMatch : PacketInReason.Action;
                network.App.OnPacketIn(this, new PacketIn(BufferId.NoBuffer, (ushort)frame.Length, reason, 0, entry.Cookie,
                    new Match([OxmField.InPort(new PortNumber(inPort))]), frame).View());
            }
            else if (output.Port == PortNumber.Flood)
            {
                foreach (var port in Ports.Where(p => p != inPort))
                {
                    network.Transmit(this, port, frame);
                }
            }
            else if (output.Port.IsPhysical && Ports.Contains(output.Port.Value))
            {
                network.Transmit(this, output.Port.Value, frame); // OpenFlow drops output to the in_port; L2 apps never ask for it here
            }
            else
            {
                throw new NotSupportedException($"simulator cannot output to {output.Port}");
            }
        }
    }

    private static bool Matches(Match match, uint inPort, EthernetHeader eth) => match.Fields.All(f => f.BasicField switch
    {
        OxmBasicField.InPort => f.ValueAsUInt64() == inPort,
        OxmBasicField.EthDst => f.ValueAsMac() == eth.Destination && !f.HasMask,
        OxmBasicField.EthSrc => f.ValueAsMac() == eth.Source && !f.HasMask,
        _ => throw new NotSupportedException($"simulator cannot match {f}"),
    });
}
