using Grpc.Health.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sdn.Grpc;

/// <summary>Maps the standard health service.</summary>
public static class HealthEndpointRouteBuilderExtensions
{
    /// <summary>Maps grpc.health.v1.Health (Check, Watch) served by the <see cref="HealthService"/> singleton.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The service builder (for more methods, rarely needed).</returns>
    public static GrpcServiceBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetRequiredService<HealthService>();
        return endpoints.MapGrpcService(HealthService.ServiceName)
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", health.CheckAsync)
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", health.WatchAsync);
    }
}
