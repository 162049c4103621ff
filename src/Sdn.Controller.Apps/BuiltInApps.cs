using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps.Hub;
using Sdn.Controller.Apps.L2Learning;

namespace Sdn.Controller.Apps;

/// <summary>Registers the apps that ship with the controller.</summary>
public static class BuiltInApps
{
    /// <summary>Adds <c>L2Learning</c> (cookie id 0x10) and <c>Hub</c> (0x11).</summary>
    public static IServiceCollection AddBuiltInApps(this IServiceCollection services) => services
        .AddControllerApp<L2LearningApp>(L2LearningApp.AppName, L2LearningApp.CookieId)
        .AddControllerApp<HubApp>(HubApp.AppName, HubApp.CookieId);
}
