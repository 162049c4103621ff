using System.Collections.Concurrent;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.Packets;

namespace Sdn.Controller.Topology.Discovery;

/// <summary>
/// The discovery protocol's wire pieces: the LLDP → controller flow and the probe frames (IEEE 802.1AB LLDPDU with
/// Chassis ID "dpid:" + 16 hex digits, subtype 7, and Port ID = 4-byte port number, subtype 2, as Ryu's switches
/// module). Probe frames are built once per port and cached.
/// </summary>
public sealed class LldpProbes(TopologyOptions options)
{
    private readonly ConcurrentDictionary<(SwitchPort Port, MacAddress Source), byte[]> _frames = new();

    /// <summary>TTL advertised in probes (s): the link timeout rounded up, at least 1.</summary>
    public ushort TtlSeconds { get; } = (ushort)Math.Clamp(Math.Ceiling(options.LinkTimeoutSpan.TotalSeconds), 1, ushort.MaxValue);

    /// <summary>
    /// FLOW_MOD (add) sending every LLDP frame (EtherType 0x88cc) whole to the controller (max_len NO_BUFFER), at
    /// <see cref="TopologyOptions.LldpFlowPriority"/>, so probes reach the controller whatever the forwarding apps install.
    /// </summary>
    public FlowRule LldpToController() => new()
    {
        Priority = options.LldpFlowPriority,
        Match = new FlowMatch { EthType = (ushort)EtherType.Lldp },
        Output = PortNumber.Controller,
    };

    /// <summary>The probe frame for <paramref name="port"/> (60 bytes), with the port's own MAC as Ethernet source.</summary>
    public byte[] Frame(SwitchPort port, MacAddress portMac) =>
        _frames.GetOrAdd((port, portMac), static (key, ttl) => LldpPacket.ForSwitchPort(key.Port.Dpid, key.Port.Port, key.Source, ttl).ToArray(), TtlSeconds);

    /// <summary>Drops the cached frames of a switch that left.</summary>
    public void Forget(DatapathId dpid)
    {
        foreach (var key in _frames.Keys.Where(k => k.Port.Dpid == dpid))
        {
            _frames.TryRemove(key, out _);
        }
    }
}
