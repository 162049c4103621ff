using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Channel;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests.Infrastructure;

/// <summary>
/// The real controller (<see cref="ControllerHost.Build"/>) started in-process on a free 127.0.0.1 port, with
/// helpers to connect <see cref="EmulatedSwitch"/>es. Disposing stops it (bounded) and closes the switches.
/// </summary>
public sealed class TestController : IAsyncDisposable
{
    private readonly List<EmulatedSwitch> _switches = [];
    private bool _stopped;

    private TestController(WebApplication app, IReadOnlyList<int> ports)
    {
        App = app;
        Ports = ports;
    }

    /// <summary>The running host.</summary>
    public WebApplication App { get; }

    /// <summary>The OpenFlow ports it listens on (127.0.0.1).</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>The first listening port.</summary>
    public int Port => Ports[0];

    /// <summary>The Ready switches.</summary>
    public SwitchRegistry Registry => App.Services.GetRequiredService<SwitchRegistry>();

    /// <summary>
    /// Builds and starts the controller on <paramref name="endpointCount"/> free loopback ports; retries with new
    /// ports if one was taken between probing and binding.
    /// </summary>
    /// <param name="args">Extra command-line settings, e.g. <c>--Controller:EchoIntervalSeconds=0.5</c>; discovery is off unless <c>--Topology:Enabled=true</c>.</param>
    /// <param name="endpointCount">How many <c>Controller:Endpoints</c> to configure.</param>
    public static async Task<TestController> StartAsync(IEnumerable<string>? args = null, int endpointCount = 1)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = Enumerable.Range(0, endpointCount).Select(_ => FreePort()).Distinct().ToArray();
            if (ports.Length != endpointCount)
            {
                continue;
            }

            string[] all =
            [
                .. ports.Select((p, i) => $"--Controller:Endpoints:{i}=127.0.0.1:{p}"),
                // Quiet unless SDN_TEST_LOG names a level (Information shows every connect, close reason and error).
                $"--Serilog:MinimumLevel:Default={Environment.GetEnvironmentVariable("SDN_TEST_LOG") ?? "Warning"}",
                // Most tests check exact message sequences of the core and L2Learning: LLDP discovery (on by default in
                // the product) is off unless a test turns it on (TopologyTests).
                .. (args ?? []).Any(a => a.StartsWith("--Topology:Enabled", StringComparison.Ordinal)) ? [] : new[] { "--Topology:Enabled=false" },
                .. (args ?? []).Any(a => a.StartsWith("--Api:HttpEndpoint", StringComparison.Ordinal)) ? [] : new[] { "--Api:HttpEndpoint=" },
                .. (args ?? []).Any(a => a.StartsWith("--Northbound:GrpcEndpoint", StringComparison.Ordinal)) ? [] : new[] { "--Northbound:GrpcEndpoint=" },
                .. (args ?? []).Any(a => a.StartsWith("--Northbound:PolicyDatabase", StringComparison.Ordinal)) ? [] : new[] { $"--Northbound:PolicyDatabase={Path.Combine(Path.GetTempPath(), "sdn-host-tests", Guid.NewGuid().ToString("n"), "policies.db")}" },
                .. args ?? [],
            ];
            var app = ControllerHost.Build(all);
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StartAsync(cts.Token);
                return new TestController(app, ports);
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try
        {
            return ((IPEndPoint)l.LocalEndpoint).Port;
        }
        finally
        {
            l.Stop();
        }
    }

    /// <summary>Connects a switch (sending HELLO) without waiting for the handshake; it is disposed with the controller.</summary>
    public async Task<EmulatedSwitch> ConnectAsync(ulong dpid, bool sendHello = true, int? port = null, OfpVersion version = OfpVersion.OpenFlow13)
    {
        var sw = await EmulatedSwitch.ConnectAsync(port ?? Port, dpid, sendHello, version: version);
        lock (_switches)
        {
            _switches.Add(sw);
        }

        return sw;
    }

    /// <summary>
    /// True for a forwarding app's table-miss FLOW_MOD (priority 0, apply-actions output to the controller), not the
    /// ACL stage's priority-0 goto_table entry that the policies app installs first in table 0.
    /// </summary>
    public static bool IsAppTableMiss(FlowMod f) => f.Priority == 0 && f.Instructions.Items.Any(i => i is Sdn.OpenFlow.Instructions.ApplyActionsInstruction);

    /// <summary>
    /// Connects a switch and waits until the controller lists it as Ready and the apps' table-miss FLOW_MOD arrived;
    /// the switch's cursor is then past the handshake.
    /// </summary>
    public async Task<EmulatedSwitch> ConnectReadyAsync(ulong dpid, int? port = null)
    {
        var sw = await ConnectAsync(dpid, port: port);
        await sw.WaitForAsync<FlowMod>(IsAppTableMiss);
        Assert.True(Registry.TryGet(new DatapathId(dpid), out var registered), $"dpid {dpid} not in the registry after the table-miss FLOW_MOD");
        Assert.Equal(sw.LocalEndPoint.Port, registered.RemoteEndPoint?.Port);
        return sw;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until true or <paramref name="timeout"/> passes.</summary>
    /// <returns>Whether it became true.</returns>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < (timeout ?? EmulatedSwitch.DefaultTimeout))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }

    /// <summary>Stops the host (bounded by 10 s).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(cts.Token);
    }

    /// <summary>Closes the switches, stops and disposes the host.</summary>
    public async ValueTask DisposeAsync()
    {
        EmulatedSwitch[] switches;
        lock (_switches)
        {
            switches = [.. _switches];
        }

        foreach (var sw in switches)
        {
            await sw.DisposeAsync();
        }

        try
        {
            await StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
