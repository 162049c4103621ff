// sdn-grpcbench [seconds=5] [inflight=64]: unary calls/s of grpc.health.v1.Health/Check through Sdn.Grpc, server
// and client in one process on a Kestrel h2c loopback port, one HTTP/2 connection, a fixed number of calls in flight.
// sdn-grpcbench fanout [subscribers=100] [events=200] [--split] [--client-cpus LIST] [--no-inline]: the controller's
// WatchEvents service with that many streams; prints the p50/p99/max delay from publishing an event on the bus to
// each subscriber reading it (FanOut.cs). --split runs the subscribers in a child process (fanout-clients).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sdn.Grpc;

if (args.Length > 0 && args[0] == "fanout")
{
    await Sdn.GrpcBench.FanOut.RunAsync(args[1..]);
    return;
}

if (args.Length == 5 && args[0] == "fanout-clients")
{
    // fanout-clients ADDRESS SUBSCRIBERS EVENTS LABEL: started by "fanout --split".
    await Sdn.GrpcBench.FanOutClients.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
    return;
}

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var inflight = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, 0));
builder.Services.AddGrpcLayer();
await using var app = builder.Build();
app.MapGrpcHealthService();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = false }) { BaseAddress = new Uri(address) };
var client = new GrpcClient(http);
var request = new HealthCheckRequest();

async Task<long> RunAsync(TimeSpan duration)
{
    long calls = 0;
    var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, inflight).Select(async _ =>
    {
        while (Stopwatch.GetTimestamp() < end)
        {
            await client.UnaryAsync("/grpc.health.v1.Health/Check", request, HealthCheckResponse.Parser);
            Interlocked.Increment(ref calls);
        }
    }));
    return calls;
}

await RunAsync(TimeSpan.FromSeconds(1)); // warm-up (JIT, tiering)
var sw = Stopwatch.StartNew();
var total = await RunAsync(TimeSpan.FromSeconds(seconds));
sw.Stop();
Console.WriteLine(FormattableString.Invariant(
    $"{total} unary calls in {sw.Elapsed.TotalSeconds:F2} s with {inflight} in flight on one connection: {total / sw.Elapsed.TotalSeconds:F0} calls/s"));
await app.StopAsync();
