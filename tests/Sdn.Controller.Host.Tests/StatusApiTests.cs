using System.Net;
using System.Text.Json;
using Sdn.Controller.Host.Tests.Infrastructure;

namespace Sdn.Controller.Host.Tests;

/// <summary>The read-only JSON status API over real HTTP.</summary>
public sealed class StatusApiTests
{
    private static async Task<(TestController Controller, HttpClient Http)> StartAsync(string app)
    {
        var port = TestController.FreePort();
        var controller = await TestController.StartAsync(["--Topology:Enabled=true", $"--Api:HttpEndpoint=127.0.0.1:{port}", $"--Controller:Apps:0={app}"]);
        return (controller, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) });
    }

    [Fact]
    public async Task Topology_lists_connected_switches_with_their_ports()
    {
        var (controller, http) = await StartAsync("ShortestPath");
        await using var _ = controller;
        using var __ = http;
        await controller.ConnectReadyAsync(0xab);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/v1/topology"));
        var sw = Assert.Single(doc.RootElement.GetProperty("switches").EnumerateArray());
        Assert.Equal("00000000000000ab", sw.GetProperty("dpid").GetString());
        Assert.Equal([1u, 2u, 3u], sw.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("port").GetUInt32()));
        Assert.True(doc.RootElement.GetProperty("version").GetInt64() >= 1);
        Assert.Empty(doc.RootElement.GetProperty("links").EnumerateArray());

        using var paths = JsonDocument.Parse(await http.GetStringAsync("/v1/paths"));
        Assert.Empty(paths.RootElement.EnumerateArray());
        var bad = await http.GetAsync("/v1/paths/not-a-mac/00:00:00:00:00:02");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not a MAC address", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/paths/00:00:00:00:00:01/00:00:00:00:00:02")).StatusCode);
        using var stats = JsonDocument.Parse(await http.GetStringAsync("/v1/stats"));
        Assert.True(stats.RootElement.GetProperty("probes_sent").GetInt64() >= 3); // 3 ports at switch-up, then every probe round
    }

    [Fact]
    public async Task Paths_are_404_without_the_shortest_path_app()
    {
        var (controller, http) = await StartAsync("L2Learning");
        await using var _ = controller;
        using var __ = http;
        var response = await http.GetAsync("/v1/paths");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ShortestPath", await response.Content.ReadAsStringAsync());
    }
}
