using Sdn.Controller.Events;
using Sdn.Controller.Topology.Graph;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>A host pair's path was moved after a failure (or re-optimised), make-before-break.</summary>
/// <param name="Timestamp">When the new path was confirmed (UTC).</param>
/// <param name="Pair">The host pair.</param>
/// <param name="OldHops">The path before.</param>
/// <param name="NewHops">The path now.</param>
/// <param name="RepairMs">Failure detected (PORT_STATUS or LLDP timeout handled) → every new flow barrier-confirmed, in ms.</param>
/// <param name="Cause">What triggered it, e.g. "link down 0000000000000001:2 -> 0000000000000002:1 (link down)".</param>
public sealed record PathRerouted(DateTimeOffset Timestamp, HostPair Pair, IReadOnlyList<Hop> OldHops, IReadOnlyList<Hop> NewHops, double RepairMs, string Cause) : ControllerEvent(Timestamp);

/// <summary>A host pair lost every path; its flows were deleted (no black hole).</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Pair">The host pair.</param>
/// <param name="Cause">What cut it off.</param>
public sealed record PathUnreachable(DateTimeOffset Timestamp, HostPair Pair, string Cause) : ControllerEvent(Timestamp);
