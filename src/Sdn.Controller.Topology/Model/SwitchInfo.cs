using System.Collections.Immutable;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Topology.Model;

/// <summary>A connected switch as the topology knows it.</summary>
/// <param name="Dpid">Datapath id.</param>
/// <param name="Version">Negotiated OpenFlow version.</param>
/// <param name="Ports">Ports keyed by number, as last reported by PORT_DESC / PORT_STATUS (OpenFlow 1.3.5 §7.2.1).</param>
/// <param name="ConnectedAt">When the switch became Ready (UTC).</param>
public sealed record SwitchInfo(DatapathId Dpid, OfpVersion Version, ImmutableDictionary<PortNumber, PortDescription> Ports, DateTimeOffset ConnectedAt)
{
    /// <summary>Physical ports that are administratively and operationally up, ascending.</summary>
    public IEnumerable<PortNumber> LivePorts => Ports.Values.Where(p => p.PortNo.IsPhysical && p.IsUp).Select(p => p.PortNo).OrderBy(p => p.Value);

    /// <summary>True when <paramref name="port"/> exists, is physical and is up.</summary>
    public bool IsLive(PortNumber port) => Ports.TryGetValue(port, out var p) && p.PortNo.IsPhysical && p.IsUp;
}
