using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Sdn.Grpc;

/// <summary>Maps gRPC services onto ASP.NET Core endpoints.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Starts mapping the methods of a gRPC service. The first call also maps a fallback answering any other
    /// gRPC request (content-type application/grpc) with UNIMPLEMENTED, Trailers-Only.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="serviceFullName">Fully qualified service name, for example "sdn.controller.v1.Topology".</param>
    /// <returns>A builder to add the methods with.</returns>
    /// <exception cref="InvalidOperationException"><see cref="GrpcServiceCollectionExtensions.AddGrpcLayer"/> was not called.</exception>
    public static GrpcServiceBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, string serviceFullName)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceFullName);
        var runtime = endpoints.ServiceProvider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcLayer() before mapping gRPC services.");
        runtime.AddService(serviceFullName);
        if (runtime.MarkUnimplementedMapped(endpoints))
        {
            MapUnimplemented(endpoints, runtime);
        }

        return new GrpcServiceBuilder(endpoints, runtime, serviceFullName);
    }

    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, GrpcServerRuntime runtime)
    {
        var pattern = RoutePatternFactory.Parse(
            "{unimplementedService}/{unimplementedMethod}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["unimplementedMethod"] = new GrpcContentTypeConstraint() });
        endpoints.Map(pattern, http =>
        {
            var service = http.Request.RouteValues["unimplementedService"] as string ?? "";
            var call = GrpcServerCall.Start(http, runtime, http.Request.Path);
            if (call is null)
            {
                return Task.CompletedTask;
            }

            using (call)
            {
                GrpcServerCall.WriteTrailersOnly(http.Response, new Status(StatusCode.Unimplemented,
                    runtime.IsKnownService(service) ? "Method is unimplemented." : "Service is unimplemented."));
            }

            return Task.CompletedTask;
        }).WithDisplayName("gRPC unimplemented");
    }
}
