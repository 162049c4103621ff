using System.Diagnostics;
using System.Globalization;
using Sdn.Grpc;
using Sdn.Controller.Northbound.V1;

namespace Sdn.GrpcBench;

/// <summary>
/// The subscriber side of the fan-out benchmark: N WatchEvents streams, each on its own <see cref="HttpClient"/>
/// (its own HTTP/2 connection, like N separate programs). Every event carries "n t" in its policy id: its number
/// (-1 for warm-up) and <see cref="Stopwatch.GetTimestamp"/> at publication. On Linux that clock is CLOCK_MONOTONIC, shared by
/// every process of the machine, so the delay publish → read is exact in the same process and in another one.
/// </summary>
internal static class FanOutClients
{
    /// <summary>The policy id that ends the run: each stream stops reading when it arrives (after every measured
    /// event, so the teardown of finished streams never delays a measured delivery).</summary>
    public const string EndMarker = "end";

    /// <summary>Subscribes <paramref name="subscribers"/> streams to <paramref name="address"/> and reads until
    /// <see cref="EndMarker"/> arrived on every stream (or 60 s passed); prints one result line.</summary>
    public static async Task RunAsync(string address, int subscribers, int events, string label)
    {
        var delays = new List<double>[subscribers];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(Enumerable.Range(0, subscribers).Select(i => ReadAsync(address, delays[i] = new List<double>(events), cts.Token)));
        var all = delays.SelectMany(d => d).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine(FormattableString.Invariant(
            $"{label}: {subscribers} subscribers x {events} events: {all.Length} of {subscribers * events} deliveries; publish -> read p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, max {(all.Length > 0 ? all[^1] : double.NaN):F2} ms"));
    }

    /// <summary>The policy id of measured event <paramref name="n"/> (-1 for warm-up), published now.</summary>
    public static string Stamp(int n) => string.Create(CultureInfo.InvariantCulture, $"{n} {Stopwatch.GetTimestamp()}");

    private static async Task ReadAsync(string address, List<double> delays, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var client = new GrpcClient(http);
        try
        {
            await foreach (var e in client.ServerStreamingAsync("/sdn.controller.v1.Events/WatchEvents", new WatchEventsRequest(), Event.Parser, null, ct))
            {
                var now = Stopwatch.GetTimestamp();
                if (e.PolicyId == EndMarker)
                {
                    return;
                }

                var space = e.PolicyId.IndexOf(' ', StringComparison.Ordinal);
                var n = int.Parse(e.PolicyId.AsSpan(0, space), CultureInfo.InvariantCulture);
                var delay = Stopwatch.GetElapsedTime(long.Parse(e.PolicyId.AsSpan(space + 1), CultureInfo.InvariantCulture), now).TotalMilliseconds;
                if (n >= 0)
                {
                    delays.Add(delay); // warm-up events (n = -1) take the same path, unrecorded
                }
            }
        }
        catch (RpcException) when (ct.IsCancellationRequested)
        {
        }
    }
}
