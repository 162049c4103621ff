using Google.Protobuf.WellKnownTypes;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Northbound.V1;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using ModelHost = Sdn.Controller.Topology.Model.Host;
using ModelLink = Sdn.Controller.Topology.Model.Link;

namespace Sdn.Controller.Northbound.Mapping;

/// <summary>Controller model → sdn.controller.v1 messages (pure; formats as documented in the .proto files).</summary>
public static class ProtoMapping
{
    /// <summary>A switch port.</summary>
    public static V1.SwitchPort ToProto(this Topology.Model.SwitchPort p) => new() { Dpid = p.Dpid.ToString(), Port = p.Port.Value };

    /// <summary>A directed link.</summary>
    public static V1.Link ToProto(this ModelLink l) => new() { Src = l.Source.ToProto(), Dst = l.Destination.ToProto() };

    /// <summary>A host; <paramref name="lastSeen"/> is its latest sighting when known (the record's time otherwise).</summary>
    public static V1.Host ToProto(this ModelHost h, DateTimeOffset? lastSeen = null)
    {
        var host = new V1.Host
        {
            Mac = h.Mac.ToString(),
            Vlan = h.VlanId ?? 0,
            Location = h.Location.ToProto(),
            LastSeen = Timestamp.FromDateTimeOffset(lastSeen ?? h.LastSeen),
        };
        host.Ipv4.AddRange(h.Ipv4.Select(a => a.ToString()));
        host.Ipv6.AddRange(h.Ipv6.Select(a => a.ToString()));
        return host;
    }

    /// <summary>A switch with its ports; <paramref name="remote"/> is its TCP address when known.</summary>
    public static V1.Switch ToProto(this SwitchInfo s, TopologySnapshot snapshot, string remote)
    {
        var sw = new V1.Switch
        {
            Dpid = s.Dpid.ToString(),
            RemoteAddress = remote,
            OpenflowVersion = s.Version == OfpVersion.OpenFlow10 ? "1.0" : "1.3",
            ConnectedSince = Timestamp.FromDateTimeOffset(s.ConnectedAt),
            HandshakeState = "READY",
        };
        sw.Ports.AddRange(s.Ports.Values.OrderBy(p => p.PortNo.Value).Select(p => p.ToProto(snapshot.IsInterSwitchPort(new Topology.Model.SwitchPort(s.Dpid, p.PortNo)))));
        return sw;
    }

    /// <summary>A port.</summary>
    public static V1.Port ToProto(this PortDescription p, bool interSwitch) => new()
    {
        Number = p.PortNo.Value,
        Name = p.Name,
        Mac = p.HardwareAddress.ToString(),
        Up = p.IsUp,
        CurrentSpeedKbps = p.CurrentSpeedKbps,
        InterSwitch = interSwitch,
    };

    /// <summary>A hop.</summary>
    public static V1.Hop ToProto(this Sdn.Controller.Topology.Graph.Hop h) => new() { Dpid = h.Switch.ToString(), InPort = h.InPort.Value, OutPort = h.OutPort.Value };

    /// <summary>An installed path.</summary>
    public static GetPathResponse ToProto(this InstalledPath p)
    {
        var r = new GetPathResponse { Installed = true, Cookie = p.Cookie };
        r.Hops.AddRange(p.Hops.Select(h => h.ToProto()));
        return r;
    }

    /// <summary>A computed (not installed) path.</summary>
    public static GetPathResponse ToProto(this IReadOnlyList<Sdn.Controller.Topology.Graph.Hop> hops)
    {
        var r = new GetPathResponse { Installed = false };
        r.Hops.AddRange(hops.Select(h => h.ToProto()));
        return r;
    }
}
