using System.Diagnostics;
using System.Globalization;
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
/// Event fan-out, server side: the real <see cref="EventsGrpcService"/> on a Kestrel h2c loopback port with the
/// controller host's default transport (inline scheduling and inline socket completions; <c>--no-inline</c> turns
/// both off). <see cref="FanOutClients"/> subscribes N streams, in this process or, with <c>--split</c>, in a child
/// process (<c>--client-cpus LIST</c> starts it under <c>taskset -c LIST</c>); <c>--python</c> makes that child
/// Debian's python3-grpcio (<c>python/fanout_clients.py</c>, a client nobody here wrote). After the streams are up,
/// warm-up events go out 5 ms apart for <c>--warmup-seconds</c> (default 3: the runtime's tiered JIT recompiles
/// the hot paths during the first seconds of a process, with pauses of 10-15 ms, measured), then the measured
/// events one every 10 ms, then end markers until every stream has stopped.
/// </summary>
internal static class FanOut
{
    private const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Runs <c>fanout [subscribers=100] [events=200] [--split] [--python] [--client-cpus LIST] [--no-inline] [--warmup-seconds S]</c>.</summary>
    public static async Task RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a)).ToArray();
        var subscribers = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 100;
        var events = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 200;
        var python = args.Contains("--python");
        var split = python || args.Contains("--split");
        var inline = !args.Contains("--no-inline");
        var cpus = OptionValue(args, "--client-cpus");
        var warmup = TimeSpan.FromSeconds(double.Parse(OptionValue(args, "--warmup-seconds") ?? "3", CultureInfo.InvariantCulture));
        if (inline && Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1"); // before the first socket, as the host does
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (inline)
        {
            builder.WebHost.UseSockets(s => s.UnsafePreferInlineScheduling = true);
        }

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

        var label = FormattableString.Invariant(
            $"{(split ? $"{(python ? "python3-grpcio clients" : "clients")} in a child process{(cpus is null ? "" : $" (taskset -c {cpus})")}" : "clients in the server process")}, inline {(inline ? "on" : "off")}, server cpus {Environment.ProcessorCount}, warm-up {warmup.TotalSeconds} s, load {LoadAverage()}");
        var clients = split ? RunChildAsync(address, subscribers, events, cpus, python, label) : FanOutClients.RunAsync(address, subscribers, events, label);
        var deadline = Stopwatch.StartNew();
        while (bus.SubscriberCount < subscribers && deadline.Elapsed < TimeSpan.FromSeconds(60) && !clients.IsCompleted)
        {
            await Task.Delay(10);
        }

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < warmup && !clients.IsCompleted)
        {
            bus.Publish(new PolicyEvent(DateTimeOffset.UtcNow, FanOutClients.Stamp(-1), false));
            await Task.Delay(5);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var measured = Stopwatch.StartNew();
        for (var n = 0; n < events && !clients.IsCompleted; n++)
        {
            bus.Publish(new PolicyEvent(DateTimeOffset.UtcNow, FanOutClients.Stamp(n), false));
            await Task.Delay(10);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (split)
        {
            // Only the server is in this process: its CPU time over the measured events (idle time included).
            Console.WriteLine(FormattableString.Invariant(
                $"server process CPU during the measured {measured.Elapsed.TotalSeconds:F1} s: {cpu.TotalMilliseconds:F0} ms = {cpu.TotalMicroseconds / events:F0} us per event ({cpu.TotalMicroseconds / events / subscribers:F1} us per delivery)"));
        }

        for (var end = 0; end < 3000 && !clients.IsCompleted; end++)
        {
            bus.Publish(new PolicyEvent(DateTimeOffset.UtcNow, FanOutClients.EndMarker, false));
            await Task.Delay(10);
        }

        await clients.WaitAsync(TimeSpan.FromSeconds(90));
        await app.StopAsync();
    }

    private static bool IsOptionValue(string[] args, string a)
    {
        var i = Array.IndexOf(args, a);
        return i > 0 && args[i - 1] is "--client-cpus" or "--warmup-seconds";
    }

    private static string? OptionValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Runs <c>fanout-clients</c> (or with <paramref name="python"/> <c>python/fanout_clients.py</c>) in a
    /// child process (ordinary client settings: no inline completions).</summary>
    private static async Task RunChildAsync(string address, int subscribers, int events, string? cpus, bool python, string label)
    {
        var self = typeof(FanOut).Assembly.Location;
        var host = python ? "/usr/bin/python3" : Environment.ProcessPath ?? "dotnet";
        var viaDotnet = !python && Path.GetFileNameWithoutExtension(host) == "dotnet";
        var start = new ProcessStartInfo(cpus is null ? host : "taskset") { UseShellExecute = false };
        if (cpus is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpus);
            start.ArgumentList.Add(host);
        }

        if (viaDotnet)
        {
            start.ArgumentList.Add(self);
        }

        if (python)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "fanout_clients.py"));
        }

        foreach (var a in new[] { python ? null : "fanout-clients", address, subscribers.ToString(CultureInfo.InvariantCulture), events.ToString(CultureInfo.InvariantCulture), label })
        {
            if (a is not null)
            {
                start.ArgumentList.Add(a);
            }
        }

        start.Environment.Remove(InlineCompletionsVariable);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the client process.");
        try
        {
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            child.Kill();
            throw;
        }

        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The client process exited with {child.ExitCode}.");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
