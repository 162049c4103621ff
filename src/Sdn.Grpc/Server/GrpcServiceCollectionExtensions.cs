using Microsoft.Extensions.DependencyInjection;

namespace Sdn.Grpc;

/// <summary>Registers the gRPC layer's services.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gRPC server runtime, <see cref="GrpcServerOptions"/> and the <see cref="HealthService"/>
    /// singleton. Call once; configuration binding of the options by the host composes with
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Optional option changes.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddGrpcLayer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddRouting();
        services.AddSingleton<GrpcServerRuntime>();
        services.AddSingleton<HealthService>();
        return services;
    }
}
