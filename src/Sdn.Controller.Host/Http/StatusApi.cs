using System.Text.Json;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Topology.Discovery;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;

namespace Sdn.Controller.Host.Http;

/// <summary>
/// The read-only JSON status API (like Ryu's <c>rest_topology</c>), on <c>Api:HttpEndpoint</c>:
/// <list type="bullet">
/// <item><c>GET /v1/topology</c>: switches, directed links, hosts, snapshot version;</item>
/// <item><c>GET /v1/paths</c>: paths installed by <c>ShortestPath</c> (404 when the app is not running);</item>
/// <item><c>GET /v1/paths/{src}/{dst}</c>: one path by MAC pair (400 for a bad MAC, 404 when none);</item>
/// <item><c>GET /v1/convergence</c>: repair times after link failures (count, buckets by <c>ConvergenceHistogram.BoundsMs</c>, p50/p95/max ms);</item>
/// <item><c>GET /v1/stats</c>: discovery counters (probes sent, LLDP accepted / ignored by kind, data packet-ins).</item>
/// </list>
/// </summary>
public static class StatusApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    public static void MapStatusApi(this WebApplication app)
    {
        app.MapGet("/v1/topology", (TopologyService topology) => Results.Json(StatusDocuments.Of(topology.Current, topology.LastSeen), Json));
        app.MapGet("/v1/paths", (AppDispatcher apps) => ShortestPath(apps) is { } sp
            ? Results.Json(sp.Paths.Select(StatusDocuments.Of).ToList(), Json)
            : Results.NotFound(new { error = "the ShortestPath app is not running" }));
        app.MapGet("/v1/paths/{src}/{dst}", (string src, string dst, AppDispatcher apps) =>
        {
            if (ShortestPath(apps) is not { } sp)
            {
                return Results.NotFound(new { error = "the ShortestPath app is not running" });
            }

            if (!TryMac(src, out var s) || !TryMac(dst, out var d))
            {
                return Results.BadRequest(new { error = $"'{src}' or '{dst}' is not a MAC address like 00:00:00:00:00:01" });
            }

            return sp.PathOf(s, d) is { } path ? Results.Json(StatusDocuments.Of(path), Json) : Results.NotFound(new { error = $"no path installed for {s} -> {d}" });
        });
        app.MapGet("/v1/convergence", (AppDispatcher apps) => ShortestPath(apps) is { } sp
            ? Results.Json(sp.Convergence.Read(), Json)
            : Results.NotFound(new { error = "the ShortestPath app is not running" }));
        app.MapGet("/v1/stats", (IServiceProvider services) =>
            services.GetService<DiscoveryApp>() is { } discovery
                ? Results.Json(discovery.Stats.Snapshot(), Json)
                : Results.NotFound(new { error = "topology discovery is off" }));
    }

    private static ShortestPathApp? ShortestPath(AppDispatcher apps) => apps.Apps.OfType<ShortestPathApp>().FirstOrDefault();

    private static bool TryMac(string text, out MacAddress mac)
    {
        try
        {
            mac = MacAddress.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            mac = default;
            return false;
        }
    }
}
