using System.Diagnostics;
using System.Text.Json;
using Sdn.Lab.Tests.Infrastructure;

namespace Sdn.Lab.Tests.Topology;

/// <summary>How the controller's view converged to the real network.</summary>
/// <param name="AllConnectedAt">The latest <c>connected_at</c> of the network's switches (controller clock), null if not all connected.</param>
/// <param name="LinksMatchedAt">First poll at which the link set equalled the network's (local clock, same machine), null if never.</param>
/// <param name="LastLinks">The controller's link set at the last poll.</param>
/// <param name="Polls">Number of <c>GET /v1/topology</c> calls.</param>
public sealed record LinkConvergence(DateTimeOffset? AllConnectedAt, DateTimeOffset? LinksMatchedAt, IReadOnlySet<DirectedLink> LastLinks, int Polls)
{
    /// <summary>Links matched minus all switches connected; null when either never happened.</summary>
    public TimeSpan? Delay => AllConnectedAt is { } a && LinksMatchedAt is { } m ? m - a : null;

    /// <summary>The controller's directed links in a <c>GET /v1/topology</c> document.</summary>
    public static HashSet<DirectedLink> LinksOf(JsonElement topology) => DirectedLink.SetOf(topology.GetProperty("links"));

    /// <summary>Polls <c>GET /v1/topology</c> every 100 ms until every switch is connected and the link set equals <paramref name="net"/>'s (bounded by <paramref name="timeout"/>).</summary>
    public static async Task<LinkConvergence> WaitAsync(StatusApiClient api, LabNetwork net, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        DateTimeOffset? allConnected = null;
        IReadOnlySet<DirectedLink> links = new HashSet<DirectedLink>();
        var polls = 0;
        while (true)
        {
            var topology = await api.TopologyAsync();
            var now = DateTimeOffset.UtcNow;
            polls++;
            var connected = topology.GetProperty("switches").EnumerateArray()
                .ToDictionary(s => s.GetProperty("dpid").GetString()!, s => s.GetProperty("connected_at").GetDateTimeOffset());
            if (allConnected is null && net.SwitchDpids.All(connected.ContainsKey))
            {
                allConnected = net.SwitchDpids.Max(d => connected[d]);
            }

            links = LinksOf(topology);
            if (allConnected is not null && links.SetEquals(net.Links))
            {
                return new LinkConvergence(allConnected, now, links, polls);
            }

            if (sw.Elapsed > timeout)
            {
                return new LinkConvergence(allConnected, null, links, polls);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Missing and unexpected links, for failure messages.</summary>
    public static string Difference(IReadOnlySet<DirectedLink> expected, IReadOnlySet<DirectedLink> actual) =>
        $"missing: [{string.Join(", ", expected.Except(actual))}] unexpected: [{string.Join(", ", actual.Except(expected))}]";
}
