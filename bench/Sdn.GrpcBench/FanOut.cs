using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.Services;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.GrpcBench;

/// <summary>
/// Event fan-out: N WatchEvents streams (each on its own HTTP/2 connection, like N separate clients) on the real
/// <see cref="EventsGrpcService"/>; events are published on the bus one every 10 ms; the delay publish → read is
/// measured per subscriber and event with one clock (same process).
/// </summary>
internal static class FanOut
{
    public static async Task RunAsync(int subscribers, int events)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpcLayer();
        builder.Services.AddSingleton<EventBus>();
        builder.Services.AddSingleton<EventsGrpcService>();
        await using var app = builder.Build();
        var service = app.Services.GetRequiredService<EventsGrpcService>();
        app.MapGrpcService(EventsGrpcService.ServiceName).ServerStreaming<WatchEventsRequest, Event>("WatchEvents", service.WatchEvents);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var bus = app.Services.GetRequiredService<EventBus>();

        var published = new long[events];
        var delays = new List<double>[subscribers];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var readers = Enumerable.Range(0, subscribers).Select(async i =>
        {
            delays[i] = new List<double>(events);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var client = new GrpcClient(http);
            try
            {
                await foreach (var e in client.ServerStreamingAsync("/sdn.controller.v1.Events/WatchEvents", new WatchEventsRequest(), Event.Parser, null, cts.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    var n = int.Parse(e.PolicyId, System.Globalization.CultureInfo.InvariantCulture);
                    if (n >= 0)
                    {
                        delays[i].Add(Stopwatch.GetElapsedTime(Volatile.Read(ref published[n]), now).TotalMilliseconds);
                    }

                    if (n == events - 1)
                    {
                        return;
                    }
                }
            }
            catch (RpcException) when (cts.IsCancellationRequested)
            {
            }
        }).ToList();

        while (bus.SubscriberCount < subscribers && !cts.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        for (var warm = 0; warm < 20; warm++)
        {
            bus.Publish(new PolicyEvent(DateTimeOffset.UtcNow, "-1", false)); // warm-up, not measured
            await Task.Delay(5);
        }

        for (var n = 0; n < events; n++)
        {
            Volatile.Write(ref published[n], Stopwatch.GetTimestamp());
            bus.Publish(new PolicyEvent(DateTimeOffset.UtcNow, n.ToString(System.Globalization.CultureInfo.InvariantCulture), false));
            await Task.Delay(10);
        }

        await Task.WhenAll(readers);
        var all = delays.SelectMany(d => d).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine(FormattableString.Invariant(
            $"{subscribers} subscribers x {events} events: {all.Length} deliveries; publish -> read p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, max {all[^1]:F2} ms"));
        await app.StopAsync();
    }
}
