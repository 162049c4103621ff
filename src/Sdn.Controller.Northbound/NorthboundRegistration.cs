using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Northbound.Flows;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.Policies.Intents;
using Sdn.Controller.Northbound.Services;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound;

/// <summary>DI registration and endpoint mapping of the northbound gRPC API.</summary>
public static class NorthboundRegistration
{
    /// <summary>
    /// Binds <see cref="NorthboundOptions"/> and <see cref="PolicyOptions"/>, registers the gRPC layer, the
    /// <see cref="FlowPipeline"/> (<c>Policies:AclTable</c>: ACL stage in table 0, forwarding in table 1), the policy
    /// store (opened when first resolved: at start), the always-on <see cref="PolicyApp"/> (cookie id 0x20, ingress
    /// stage: it owns table 0), the path intents and the services.
    /// </summary>
    /// <returns>Configuration problems (empty when valid).</returns>
    public static IReadOnlyList<string> AddNorthbound(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NorthboundOptions.Section);
        var options = section.Get<NorthboundOptions>() ?? new NorthboundOptions();
        services.Configure<NorthboundOptions>(section);
        var policies = configuration.GetSection(PolicyOptions.Section).Get<PolicyOptions>() ?? new PolicyOptions();
        services.AddSingleton(new FlowPipeline(policies.AclTable));
        services.AddGrpcLayer();
        services.AddSingleton(sp => new PolicyStore(sp.GetRequiredService<IOptions<NorthboundOptions>>().Value.PolicyDatabase));
        services.AddSingleton<PolicyApp>();
        services.AddSystemApp<PolicyApp>(PolicyApp.AppName, PolicyApp.CookieId, PipelineStage.Ingress);
        services.AddPathIntents();
        services.AddSingleton<ExpertFlowsApp>();
        services.AddSystemApp<ExpertFlowsApp>(ExpertFlowsApp.AppName, ExpertFlowsApp.CookieId);
        services.AddSingleton<FlowsGrpcService>();
        services.AddSingleton<TopologyGrpcService>();
        services.AddSingleton<EventsGrpcService>();
        services.AddSingleton<PoliciesGrpcService>();
        return options.Validate();
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c>, the <c>sdn.controller.v1</c> services and server reflection
    /// (<c>grpc.reflection.v1</c>, describing all of them).</summary>
    public static void MapNorthbound(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthService();
        var topology = endpoints.ServiceProvider.GetRequiredService<TopologyGrpcService>();
        endpoints.MapGrpcService(TopologyGrpcService.ServiceName)
            .Unary<ListSwitchesRequest, ListSwitchesResponse>("ListSwitches", topology.ListSwitches)
            .Unary<GetSwitchRequest, Switch>("GetSwitch", topology.GetSwitch)
            .Unary<ListLinksRequest, ListLinksResponse>("ListLinks", topology.ListLinks)
            .Unary<ListHostsRequest, ListHostsResponse>("ListHosts", topology.ListHosts)
            .Unary<GetPathRequest, GetPathResponse>("GetPath", topology.GetPath);
        var events = endpoints.ServiceProvider.GetRequiredService<EventsGrpcService>();
        endpoints.MapGrpcService(EventsGrpcService.ServiceName)
            .ServerStreaming<WatchEventsRequest, Event>("WatchEvents", events.WatchEvents);
        var flows = endpoints.ServiceProvider.GetRequiredService<FlowsGrpcService>();
        endpoints.MapGrpcService(FlowsGrpcService.ServiceName)
            .Unary<ListFlowsRequest, ListFlowsResponse>("ListFlows", flows.ListFlows)
            .Unary<AddFlowRequest, AddFlowResponse>("AddFlow", flows.AddFlow)
            .Unary<DeleteFlowRequest, DeleteFlowResponse>("DeleteFlow", flows.DeleteFlow)
            .Unary<GetPortStatsRequest, GetPortStatsResponse>("GetPortStats", flows.GetPortStats);
        var policies = endpoints.ServiceProvider.GetRequiredService<PoliciesGrpcService>();
        endpoints.MapGrpcService(PoliciesGrpcService.ServiceName)
            .Unary<ApplyPolicyRequest, ApplyPolicyResponse>("ApplyPolicy", policies.ApplyPolicy)
            .Unary<DeletePolicyRequest, DeletePolicyResponse>("DeletePolicy", policies.DeletePolicy)
            .Unary<ListPoliciesRequest, ListPoliciesResponse>("ListPolicies", policies.ListPolicies);
        endpoints.MapGrpcReflectionService(TopologyReflection.Descriptor, EventsReflection.Descriptor, FlowsReflection.Descriptor, PoliciesReflection.Descriptor);
    }
}
