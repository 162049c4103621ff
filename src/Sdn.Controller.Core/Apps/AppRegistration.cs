using Microsoft.Extensions.DependencyInjection;

namespace Sdn.Controller.Apps;

/// <summary>
/// An app the host knows: its configuration name, cookie id and factory. Registered in DI with
/// <see cref="AppServiceCollectionExtensions.AddControllerApp{TApp}"/>; only apps named in <c>Controller:Apps</c> are created.
/// </summary>
/// <param name="Name">Name used in <c>Controller:Apps</c> (case-insensitive).</param>
/// <param name="Cookies">The app's cookie range.</param>
/// <param name="Create">Creates the app from the service provider.</param>
public sealed record AppRegistration(string Name, CookieRange Cookies, Func<IServiceProvider, IControllerApp> Create)
{
    /// <summary>
    /// A system app (e.g. topology discovery) that runs whether or not <c>Controller:Apps</c> names it, ahead of the
    /// configured apps, so they see its effects (links, hosts) when they handle the same event.
    /// </summary>
    public bool AlwaysOn { get; init; }

    /// <summary>
    /// The pipeline stage the app's flows belong to (<see cref="FlowPipeline"/>): <see cref="PipelineStage.Forwarding"/>
    /// (default; table ids shifted behind the ACL stage) or <see cref="PipelineStage.Ingress"/> (table 0 as written).
    /// </summary>
    public PipelineStage Stage { get; init; }
}

/// <summary>DI helpers for registering apps.</summary>
public static class AppServiceCollectionExtensions
{
    /// <summary>Makes <typeparamref name="TApp"/> available under <paramref name="name"/> with cookie id <paramref name="cookieId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cookieId"/> is 0.</exception>
    public static IServiceCollection AddControllerApp<TApp>(this IServiceCollection services, string name, byte cookieId)
        where TApp : class, IControllerApp
    {
        ArgumentOutOfRangeException.ThrowIfZero(cookieId);
        services.AddSingleton(new AppRegistration(name, new CookieRange(cookieId), sp => ActivatorUtilities.CreateInstance<TApp>(sp)));
        return services;
    }

    /// <summary>
    /// Makes <typeparamref name="TApp"/> (resolved from DI, so other services can share the instance) an always-on
    /// system app named <paramref name="name"/> with cookie id <paramref name="cookieId"/>, whose flows live in
    /// <paramref name="stage"/> of the pipeline (default forwarding; see <see cref="PipelineStage"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cookieId"/> is 0.</exception>
    public static IServiceCollection AddSystemApp<TApp>(this IServiceCollection services, string name, byte cookieId, PipelineStage stage = PipelineStage.Forwarding)
        where TApp : class, IControllerApp
    {
        ArgumentOutOfRangeException.ThrowIfZero(cookieId);
        services.AddSingleton(new AppRegistration(name, new CookieRange(cookieId), sp => sp.GetRequiredService<TApp>()) { AlwaysOn = true, Stage = stage });
        return services;
    }
}
