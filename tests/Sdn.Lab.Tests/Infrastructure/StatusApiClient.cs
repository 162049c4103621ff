using System.Net;
using System.Text.Json;

namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>Reads the controller's JSON status API (<c>/v1/topology</c>, <c>/v1/stats</c>, <c>/v1/paths/...</c>); every call bounded.</summary>
public sealed class StatusApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary><c>GET /v1/topology</c>.</summary>
    public Task<JsonElement> TopologyAsync() => GetAsync("v1/topology");

    /// <summary>The <c>data_packet_ins</c> counter of <c>GET /v1/stats</c> (non-LLDP packet-ins since start).</summary>
    public async Task<long> DataPacketInsAsync() => (await GetAsync("v1/stats")).GetProperty("data_packet_ins").GetInt64();

    /// <summary><c>GET /v1/paths/{src}/{dst}</c>; null on 404 (no path installed).</summary>
    public async Task<JsonElement?> PathAsync(string srcMac, string dstMac)
    {
        using var response = await _http.GetAsync($"v1/paths/{srcMac}/{dstMac}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadAsync(response);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return await ReadAsync(response);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }
}
