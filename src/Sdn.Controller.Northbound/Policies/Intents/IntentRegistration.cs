using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps.ShortestPath;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>DI registration of the path intents.</summary>
public static class IntentRegistration
{
    /// <summary>
    /// Registers <see cref="PathIntentConstraints"/> (also as ShortestPath's <see cref="IPathConstraintProvider"/>)
    /// and <see cref="PathIntentService"/>. Needs the <see cref="PolicyStore"/>.
    /// </summary>
    public static IServiceCollection AddPathIntents(this IServiceCollection services)
    {
        services.AddSingleton<PathIntentConstraints>();
        services.AddSingleton<IPathConstraintProvider>(sp => sp.GetRequiredService<PathIntentConstraints>());
        return services.AddSingleton<PathIntentService>();
    }
}
