using System.Diagnostics;

namespace Sdn.LoadGen;

/// <summary>
/// Every 10 ms, drives each fake switch's timers: the settle fallback (<see cref="FakeSwitch.CheckSettle"/>) and, when a
/// latency timeout is given, lost-probe detection (<see cref="FakeSwitch.CheckLatencyTimeout"/>). Disposing stops the
/// ticker and every switch.
/// </summary>
public sealed class SwitchTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly FakeSwitch[] _switches;
    private readonly Task _loop;

    /// <summary>Starts ticking at once.</summary>
    /// <param name="switches">The switches to drive.</param>
    /// <param name="settleMs">Settle time (ms), see <see cref="Options.SettleMs"/>.</param>
    /// <param name="latencyTimeoutMs">Latency-mode probe timeout (ms), or null for no lost-probe detection.</param>
    public SwitchTicker(FakeSwitch[] switches, int settleMs, int? latencyTimeoutMs)
    {
        _switches = switches;
        var settleTicks = settleMs * Stopwatch.Frequency / 1000;
        long? latencyTicks = latencyTimeoutMs is { } ms ? ms * Stopwatch.Frequency / 1000 : null;
        _loop = Task.Run(() => RunAsync(settleTicks, latencyTicks));
    }

    private async Task RunAsync(long settleTicks, long? latencyTicks)
    {
        while (!_stop.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var s in _switches)
            {
                s.CheckSettle(now, settleTicks);
                if (latencyTicks is { } timeout)
                {
                    s.CheckLatencyTimeout(now, timeout);
                }
            }

            try
            {
                await Task.Delay(10, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Stops the ticker, then every switch, and waits for the ticker to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var s in _switches)
        {
            s.Stop();
        }

        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
