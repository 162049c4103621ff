using Sdn.Controller.Events;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Topology.Events;

/// <summary>A change of the topology, published on the <see cref="EventBus"/> after the new snapshot is visible.</summary>
/// <param name="Timestamp">When the controller observed it (UTC).</param>
/// <param name="Version">The <see cref="TopologySnapshot.Version"/> that contains the change.</param>
public abstract record TopologyEvent(DateTimeOffset Timestamp, long Version) : ControllerEvent(Timestamp);

/// <summary>A switch finished its handshake and joined the topology.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Switch">The switch.</param>
public sealed record SwitchUp(DateTimeOffset Timestamp, long Version, SwitchInfo Switch) : TopologyEvent(Timestamp, Version);

/// <summary>A switch left (disconnect, keep-alive timeout, replaced); its links and hosts went with it.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Dpid">The switch.</param>
/// <param name="Reason">Why, for people.</param>
public sealed record SwitchDown(DateTimeOffset Timestamp, long Version, DatapathId Dpid, string Reason) : TopologyEvent(Timestamp, Version);

/// <summary>A port became live (added, or up again), from PORT_STATUS (OpenFlow 1.3.5 §7.4.3).</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Port">The port.</param>
/// <param name="Description">Its description.</param>
public sealed record PortUp(DateTimeOffset Timestamp, long Version, SwitchPort Port, PortDescription Description) : TopologyEvent(Timestamp, Version);

/// <summary>A port went down or was deleted, from PORT_STATUS.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Port">The port.</param>
/// <param name="Reason">"link down", "port down", "deleted".</param>
public sealed record PortDown(DateTimeOffset Timestamp, long Version, SwitchPort Port, string Reason) : TopologyEvent(Timestamp, Version);

/// <summary>A directed link was discovered by LLDP.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Link">The link.</param>
public sealed record LinkUp(DateTimeOffset Timestamp, long Version, Link Link) : TopologyEvent(Timestamp, Version);

/// <summary>A directed link was removed.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Link">The link.</param>
/// <param name="Reason">"port down", "switch down", "timeout" (no LLDP within <c>Topology:LinkTimeout</c>), ….</param>
public sealed record LinkDown(DateTimeOffset Timestamp, long Version, Link Link, string Reason) : TopologyEvent(Timestamp, Version);

/// <summary>A host was learned.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Host">The host.</param>
public sealed record HostAdded(DateTimeOffset Timestamp, long Version, Host Host) : TopologyEvent(Timestamp, Version);

/// <summary>A host appeared at a different edge port.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Host">The host at its new location.</param>
/// <param name="OldLocation">Where it was before.</param>
public sealed record HostMoved(DateTimeOffset Timestamp, long Version, Host Host, SwitchPort OldLocation) : TopologyEvent(Timestamp, Version);

/// <summary>A known host, at the same edge port, was seen using a new IPv4 or IPv6 address.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Host">The host with every address known now.</param>
public sealed record HostAddressesChanged(DateTimeOffset Timestamp, long Version, Host Host) : TopologyEvent(Timestamp, Version);

/// <summary>A host was forgotten.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Version">Snapshot version.</param>
/// <param name="Host">The host as last known.</param>
/// <param name="Reason">"timeout", "switch down", "port down", "port became inter-switch".</param>
public sealed record HostRemoved(DateTimeOffset Timestamp, long Version, Host Host, string Reason) : TopologyEvent(Timestamp, Version);
