using Google.Protobuf.WellKnownTypes;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.V1;
using Topo = Sdn.Controller.Topology.Events;

namespace Sdn.Controller.Northbound.Mapping;

/// <summary>Controller events → <see cref="Event"/> messages of the WatchEvents stream.</summary>
public static class EventMapping
{
    /// <summary>The event as a stream message, or null for events the API does not publish.</summary>
    public static Event? ToProto(this ControllerEvent e)
    {
        var evt = e switch
        {
            Topo.SwitchUp s => new Event { Kind = EventKind.SwitchUp, Dpid = s.Switch.Dpid.ToString(), Description = $"switch up {s.Switch.Dpid}" },
            Topo.SwitchDown s => new Event { Kind = EventKind.SwitchDown, Dpid = s.Dpid.ToString(), Description = $"switch down {s.Dpid} ({s.Reason})" },
            Topo.PortUp p => new Event { Kind = EventKind.PortUp, Port = p.Port.ToProto(), Description = $"port up {p.Port}" },
            Topo.PortDown p => new Event { Kind = EventKind.PortDown, Port = p.Port.ToProto(), Description = $"port down {p.Port} ({p.Reason})" },
            Topo.LinkUp l => new Event { Kind = EventKind.LinkUp, Link = l.Link.ToProto(), Description = $"link up {l.Link}" },
            Topo.LinkDown l => new Event { Kind = EventKind.LinkDown, Link = l.Link.ToProto(), Description = $"link down {l.Link} ({l.Reason})" },
            Topo.HostAdded h => new Event { Kind = EventKind.HostAdded, Host = h.Host.ToProto(), Description = $"host added {h.Host.Mac} at {h.Host.Location}" },
            Topo.HostMoved h => new Event { Kind = EventKind.HostMoved, Host = h.Host.ToProto(), Description = $"host moved {h.Host.Mac} {h.OldLocation} -> {h.Host.Location}" },
            Topo.HostRemoved h => new Event { Kind = EventKind.HostRemoved, Host = h.Host.ToProto(), Description = $"host removed {h.Host.Mac} ({h.Reason})" },
            PathRerouted r => new Event { Kind = EventKind.PathRerouted, Path = Change(r.Pair, r.OldHops, r.NewHops, r.RepairMs, r.Cause), Description = $"path {r.Pair} rerouted in {r.RepairMs:F1} ms after {r.Cause}" },
            PathUnreachable u => new Event { Kind = EventKind.PathUnreachable, Path = Change(u.Pair, [], [], 0, u.Cause), Description = $"path {u.Pair} unreachable after {u.Cause}" },
            PolicyEvent p => new Event { Kind = p.Deleted ? EventKind.PolicyDeleted : EventKind.PolicyApplied, PolicyId = p.PolicyId, Description = $"policy {p.PolicyId} {(p.Deleted ? "deleted" : "applied")}" },
            _ => null,
        };
        if (evt is not null)
        {
            evt.Time = Timestamp.FromDateTimeOffset(e.Timestamp);
            evt.TopologyVersion = e is Topo.TopologyEvent t ? t.Version : 0;
        }

        return evt;
    }

    private static PathChange Change(HostPair pair, IReadOnlyList<Topology.Graph.Hop> oldHops, IReadOnlyList<Topology.Graph.Hop> newHops, double ms, string cause)
    {
        var change = new PathChange { SrcMac = pair.Source.ToString(), DstMac = pair.Destination.ToString(), RepairMs = ms, Cause = cause };
        change.OldHops.AddRange(oldHops.Select(h => h.ToProto()));
        change.NewHops.AddRange(newHops.Select(h => h.ToProto()));
        return change;
    }
}
