using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps.Hub;
using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Topology;

namespace Sdn.Controller.Apps;

/// <summary>Registers the apps that ship with the controller.</summary>
public static class BuiltInApps
{
    /// <summary>Adds <c>L2Learning</c> (cookie id 0x10), <c>Hub</c> (0x11) and <c>ShortestPath</c> (0x12, options from the <c>ShortestPath</c> section).</summary>
    public static IServiceCollection AddBuiltInApps(this IServiceCollection services)
    {
        services.AddOptions<ShortestPathOptions>().BindConfiguration(ShortestPathOptions.Section);
        return services
            .AddControllerApp<L2LearningApp>(L2LearningApp.AppName, L2LearningApp.CookieId)
            .AddControllerApp<HubApp>(HubApp.AppName, HubApp.CookieId)
            .AddControllerApp<ShortestPathApp>(ShortestPathApp.AppName, ShortestPathApp.CookieId);
    }

    /// <summary>Checks the settings of the built-in apps that <paramref name="enabledApps"/> names; one message per problem.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, IEnumerable<string> enabledApps)
    {
        var errors = new List<string>();
        if (enabledApps.Contains(ShortestPathApp.AppName, StringComparer.OrdinalIgnoreCase))
        {
            var options = configuration.GetSection(ShortestPathOptions.Section).Get<ShortestPathOptions>() ?? new ShortestPathOptions();
            errors.AddRange(options.Validate());
            var topology = configuration.GetSection(TopologyOptions.Section).Get<TopologyOptions>() ?? new TopologyOptions();
            if (!topology.Enabled)
            {
                errors.Add("ShortestPath needs the topology: Topology:Enabled must be true.");
            }
        }

        return errors;
    }
}
