using Sdn.Controller.Topology.Model;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Supplies the constraints (links to avoid, a waypoint) on the path of a host pair, e.g. the path intents of the
/// northbound policies. <see cref="ShortestPathApp"/> asks every registered provider (DI, as
/// <c>IPathConstraintProvider</c>) whenever it computes a path — on the first packet, on reroute after a failure,
/// after a reconnect — and combines their answers (<see cref="PathConstraint.Combine"/>). Called under the app's
/// lock on the packet-in path: implementations must answer from memory, without blocking, from any thread.
/// A provider whose answers change calls <see cref="ShortestPathApp.ChangeConstraintsAsync"/> so existing paths follow.
/// </summary>
public interface IPathConstraintProvider
{
    /// <summary>The constraints on frames from <paramref name="pair"/>'s source to its destination.</summary>
    /// <param name="pair">The host pair (one direction).</param>
    /// <param name="snapshot">The topology the path is computed on (to look up the hosts' IPv4 addresses).</param>
    /// <returns><see cref="PathConstraint.None"/> when nothing applies.</returns>
    PathConstraint For(HostPair pair, TopologySnapshot snapshot);
}
