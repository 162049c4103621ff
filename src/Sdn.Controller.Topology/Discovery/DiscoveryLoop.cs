using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sdn.Controller.Topology.Discovery;

/// <summary>Runs <see cref="DiscoveryApp.ProbeAll"/> every <c>Topology:ProbeInterval</c> seconds until shutdown.</summary>
public sealed class DiscoveryLoop(DiscoveryApp app, IOptions<TopologyOptions> options, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeIntervalSpan, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                app.ProbeAll();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
