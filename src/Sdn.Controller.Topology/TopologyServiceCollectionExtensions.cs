using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sdn.Controller.Apps;
using Sdn.Controller.Events;
using Sdn.Controller.Topology.Discovery;
using Sdn.Controller.Topology.Service;

namespace Sdn.Controller.Topology;

/// <summary>DI registration of the topology service and LLDP discovery.</summary>
public static class TopologyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TopologyOptions"/> from the <c>Topology</c> section and registers the <see cref="EventBus"/>,
    /// the <see cref="TopologyService"/> and, when <see cref="TopologyOptions.Enabled"/>, the always-on
    /// <see cref="DiscoveryApp"/> (ingress stage: its LLDP punt stays in table 0, ahead of the ACL) with its <see cref="DiscoveryLoop"/>.
    /// </summary>
    /// <returns>The configuration problems found (empty when valid); the caller refuses to start on any.</returns>
    public static IReadOnlyList<string> AddTopology(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TopologyOptions.Section);
        var options = section.Get<TopologyOptions>() ?? new TopologyOptions();
        services.Configure<TopologyOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventBus>();
        services.TryAddSingleton<TopologyService>();
        if (options.Enabled)
        {
            services.AddSingleton<DiscoveryApp>();
            // Ingress stage (table 0): the LLDP punt must win over every ACL rule, or a DENY matching everything would blind discovery.
            services.AddSystemApp<DiscoveryApp>(DiscoveryApp.AppName, DiscoveryApp.CookieId, PipelineStage.Ingress);
            services.AddHostedService<DiscoveryLoop>();
        }

        return options.Validate();
    }
}
