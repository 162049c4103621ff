using System.Diagnostics;
using System.Globalization;

namespace Sdn.LoadGen;

/// <summary>
/// Connection storm: K switches start connecting at the same instant; reports the time from the first connect until
/// the last switch is ready (see <see cref="Options.Usage"/> for "ready"), per-switch percentiles, and the controller's
/// resident memory growth per connected switch when <see cref="Options.ControllerPid"/> is given.
/// </summary>
public static class StormRun
{
    /// <summary>Runs the storm and prints the report.</summary>
    /// <returns>Process exit code: 0 when every switch got ready, 2 otherwise.</returns>
    public static async Task<int> RunAsync(Options o, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var k = o.Switches;
        output.WriteLine(string.Create(inv, $"sdn-loadgen: storm mode, OpenFlow {Wire.VersionName(o.Version)}, {k} switches connecting at once to {o.Controller}"));
        int? controllerPid = o.ControllerPid is { } given ? ResolveControllerPid(given, output) : null;
        var rssBefore = controllerPid is { } pid0 ? ReadRssKiB(pid0) : null;
        var switches = new FakeSwitch[k];
        for (var i = 0; i < k; i++)
        {
            switches[i] = new FakeSwitch(i, o, malicious: false, receiveBufferBytes: 2048);
        }

        await using var ticker = new SwitchTicker(switches, o.SettleMs, latencyTimeoutMs: null);
        var t0 = Stopwatch.GetTimestamp();
        var connects = switches.Select(s => s.ConnectAsync()).ToArray();
        await Task.WhenAll(connects).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(switches.Select(s => s.ReadyTask)), Task.Delay(o.StormTimeoutMs)).ConfigureAwait(false);
        var ready = switches.Where(s => s.ReadyTask.IsCompletedSuccessfully && s.ReadyTask.Result).ToArray();
        double Ms(long ticks) => (ticks - t0) * 1000.0 / Stopwatch.Frequency;
        var times = ready.Select(s => Ms(s.ReadyTicks)).Order().ToArray();
        output.WriteLine(string.Create(inv, $"ready: {ready.Length} of {k} ({TrafficRun.Reasons(ready)})"));
        if (times.Length > 0)
        {
            output.WriteLine(string.Create(inv, $"time from first connect to ready: p50 {Pct(times, 0.5):0.0} ms  p99 {Pct(times, 0.99):0.0} ms  last {times[^1]:0.0} ms"));
        }

        var failed = switches.Where(s => !(s.ReadyTask.IsCompletedSuccessfully && s.ReadyTask.Result)).ToArray();
        if (failed.Length > 0)
        {
            var first = failed[0];
            output.WriteLine(string.Create(inv, $"NOT READY: {failed.Length} switches; e.g. dpid {first.Dpid}: {first.Failure ?? "no handshake within " + o.StormTimeoutMs + " ms"}"));
        }

        if (o.HoldMs > 0)
        {
            await Task.Delay(o.HoldMs).ConfigureAwait(false);
        }

        var withFm = switches.Where(s => s.FirstFlowModTicks != 0).Select(s => Ms(s.FirstFlowModTicks)).Order().ToArray();
        if (withFm.Length > 0)
        {
            output.WriteLine(string.Create(inv, $"first FLOW_MOD (the controller's apps saw the switch), by the end of the hold: {withFm.Length} of {k}, p50 {Pct(withFm, 0.5):0.0} ms, last {withFm[^1]:0.0} ms"));
        }

        var stillConnected = switches.Count(s => s.Connected);
        long? rssAfter = controllerPid is { } pid1 ? ReadRssKiB(pid1) : null;
        if (rssBefore is { } before && rssAfter is { } after)
        {
            var perSwitch = (after - before) / (double)Math.Max(1, stillConnected);
            output.WriteLine(string.Create(inv, $"controller VmRSS: {before:N0} KiB before, {after:N0} KiB after {o.HoldMs} ms with {stillConnected} switches connected: {perSwitch:0.0} KiB per switch"));
        }
        else if (controllerPid is { } pid)
        {
            output.WriteLine(string.Create(inv, $"controller VmRSS: cannot read /proc/{pid}/status"));
        }

        output.WriteLine(string.Create(inv,
            $"SUMMARY mode=storm of={Wire.VersionName(o.Version)} switches={k} ready={ready.Length} all_ready_ms={(ready.Length == k && times.Length > 0 ? times[^1] : -1):0.0} p50_ms={(times.Length > 0 ? Pct(times, 0.5) : -1):0.0} p99_ms={(times.Length > 0 ? Pct(times, 0.99) : -1):0.0} connected_after_hold={stillConnected} rss_kib_per_switch={(rssBefore is { } b && rssAfter is { } a ? ((a - b) / (double)Math.Max(1, stillConnected)).ToString("0.0", inv) : "n/a")}"));
        return failed.Length == 0 ? 0 : 2;
    }

    private static double Pct(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>
    /// The process to measure: <paramref name="pid"/>, or, when it is a wrapper (<c>timeout</c>, <c>taskset</c>,
    /// <c>nice</c>, <c>env</c>) with one child, that child (repeatedly), so <c>$!</c> of <c>timeout … dotnet …</c> works.
    /// </summary>
    public static int ResolveControllerPid(int pid, TextWriter output)
    {
        string[] wrappers = ["timeout", "taskset", "nice", "env", "stdbuf"];
        for (var depth = 0; depth < 4; depth++)
        {
            string comm;
            string[] children;
            try
            {
                comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
                children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (IOException)
            {
                return pid;
            }
            catch (UnauthorizedAccessException)
            {
                return pid;
            }

            if (!wrappers.Contains(comm) || children.Length != 1 || !int.TryParse(children[0], CultureInfo.InvariantCulture, out var child))
            {
                return pid;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--controller-pid {pid} is '{comm}'; measuring its child {child}"));
            pid = child;
        }

        return pid;
    }

    /// <summary>VmRSS of <paramref name="pid"/> in KiB, or null if unreadable.</summary>
    public static long? ReadRssKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
