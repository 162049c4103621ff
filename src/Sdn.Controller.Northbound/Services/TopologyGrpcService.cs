using Sdn.Controller.Apps;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Channel;
using Sdn.Controller.Northbound.Mapping;
using Sdn.Controller.Northbound.V1;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Service;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Services;

/// <summary><c>sdn.controller.v1.Topology</c> (proto/sdn/controller/v1/topology.proto) over the current snapshot.</summary>
public sealed class TopologyGrpcService(TopologyService topology, SwitchRegistry registry, AppDispatcher apps)
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "sdn.controller.v1.Topology";

    /// <summary>ListSwitches.</summary>
    public Task<ListSwitchesResponse> ListSwitches(ListSwitchesRequest request, ServerCallContext context)
    {
        var snapshot = topology.Current;
        var response = new ListSwitchesResponse { TopologyVersion = snapshot.Version };
        response.Switches.AddRange(snapshot.Switches.Values.OrderBy(s => s.Dpid.Value).Select(s => s.ToProto(snapshot, Remote(s.Dpid))));
        return Task.FromResult(response);
    }

    /// <summary>GetSwitch: NOT_FOUND when not connected.</summary>
    public Task<Switch> GetSwitch(GetSwitchRequest request, ServerCallContext context)
    {
        var dpid = Parse.Dpid(request.Dpid, "dpid");
        var snapshot = topology.Current;
        return snapshot.Switches.TryGetValue(dpid, out var s)
            ? Task.FromResult(s.ToProto(snapshot, Remote(dpid)))
            : throw new RpcException(new Status(StatusCode.NotFound, $"switch {dpid} is not connected"));
    }

    /// <summary>ListLinks.</summary>
    public Task<ListLinksResponse> ListLinks(ListLinksRequest request, ServerCallContext context)
    {
        var snapshot = topology.Current;
        var response = new ListLinksResponse { TopologyVersion = snapshot.Version };
        response.Links.AddRange(snapshot.Links.Select(l => l.ToProto()));
        return Task.FromResult(response);
    }

    /// <summary>ListHosts.</summary>
    public Task<ListHostsResponse> ListHosts(ListHostsRequest request, ServerCallContext context)
    {
        var snapshot = topology.Current;
        var response = new ListHostsResponse { TopologyVersion = snapshot.Version };
        response.Hosts.AddRange(snapshot.Hosts.Values.OrderBy(h => h.Mac.Value).Select(h => h.ToProto(topology.LastSeen(h.Mac))));
        return Task.FromResult(response);
    }

    /// <summary>
    /// GetPath: the installed path, else the path ShortestPath would install (under the path intents; the plain shortest
    /// path when ShortestPath is not running); NOT_FOUND for unknown hosts or no path.
    /// </summary>
    public Task<GetPathResponse> GetPath(GetPathRequest request, ServerCallContext context)
    {
        var src = Parse.Mac(request.SrcMac, "src_mac");
        var dst = Parse.Mac(request.DstMac, "dst_mac");
        var app = apps.Apps.OfType<ShortestPathApp>().FirstOrDefault();
        if (app?.PathOf(src, dst) is { } installed)
        {
            return Task.FromResult(installed.ToProto());
        }

        var snapshot = topology.Current;
        var from = snapshot.FindHost(src) ?? throw new RpcException(new Status(StatusCode.NotFound, $"host {src} is not known"));
        var to = snapshot.FindHost(dst) ?? throw new RpcException(new Status(StatusCode.NotFound, $"host {dst} is not known"));
        var hops = app is not null
            ? app.PlanHops(new HostPair(src, dst), from.Location, to.Location)
            : NetworkGraph.Build(snapshot).ShortestPath(from.Location.Dpid, to.Location.Dpid)?.ToHops(from.Location.Port, to.Location.Port);
        return Task.FromResult(hops?.ToProto()
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no path from {from.Location} to {to.Location}{(app is null ? "" : " satisfies the path intents")}")));
    }

    private string Remote(OpenFlow.DatapathId dpid) => registry.TryGet(dpid, out var sw) && sw.RemoteEndPoint is { } ep ? ep.ToString() : "";
}
