using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sdn.LoadGen;

/// <summary>Throughput and latency runs (with optional misbehaving switches): connect, wait until ready, loop, summarize.</summary>
public static class TrafficRun
{
    /// <summary>Runs the mode in <paramref name="o"/> and prints per-loop lines and the summary.</summary>
    /// <returns>Process exit code.</returns>
    public static async Task<int> RunAsync(Options o, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var switches = new FakeSwitch[o.Switches];
        for (var i = 0; i < switches.Length; i++)
        {
            switches[i] = new FakeSwitch(i, o, malicious: i >= o.Switches - o.Malicious, receiveBufferBytes: 256 * 1024);
        }

        var good = switches.Where(s => !s.Malicious).ToArray();
        var bad = switches.Where(s => s.Malicious).ToArray();
        output.WriteLine(string.Create(inv, $"sdn-loadgen: {o.Mode.ToString().ToLowerInvariant()} mode, OpenFlow {Wire.VersionName(o.Version)}, {o.Switches} switches ({bad.Length} misbehaving), {o.Macs} MACs/switch, {o.Loops} loops x {o.LoopMs} ms ({o.Warmup} warm-up), controller {o.Controller}"));

        // Connect and handshake; the ticker drives the settle fallback and the latency timeout.
        await using var ticker = new SwitchTicker(switches, o.SettleMs, o.LatencyTimeoutMs);
        var t0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(switches.Select(s => s.ConnectAsync())).ConfigureAwait(false);
        var all = Task.WhenAll(switches.Select(s => s.ReadyTask));
        await Task.WhenAny(all, Task.Delay(o.ConnectTimeoutMs)).ConfigureAwait(false);
        var notReady = switches.Where(s => !(s.ReadyTask.IsCompletedSuccessfully && s.ReadyTask.Result)).ToArray();
        if (notReady.Length > 0)
        {
            output.WriteLine(string.Create(inv, $"ERROR: {notReady.Length} of {switches.Length} switches did not complete the handshake within {o.ConnectTimeoutMs} ms; first: dpid {notReady[0].Dpid}: {notReady[0].Failure ?? "no reply"}"));
            return 2;
        }

        var readyMs = (switches.Max(s => s.ReadyTicks) - t0) * 1000.0 / Stopwatch.Frequency;
        output.WriteLine(string.Create(inv, $"all {switches.Length} switches ready in {readyMs:0.0} ms ({Reasons(switches)})"));
        await Task.Delay(o.StartDelayMs).ConfigureAwait(false);

        var writers = new List<Task>();
        foreach (var s in switches)
        {
            if (o.Mode == RunMode.Throughput || s.Malicious)
            {
                writers.Add(s.StartThroughputAsync());
            }
            else
            {
                s.StartLatency();
            }
        }

        var loopTotals = new List<double>();
        var perSwitchMeasured = new long[switches.Length];
        var measuredTicks = 0L;
        var previous = switches.Select(s => s.Responses).ToArray();
        var prevBadGood = 0L;
        var start = Stopwatch.GetTimestamp();
        var last = start;
        for (var loop = 0; loop < o.Loops; loop++)
        {
            var target = start + ((loop + 1) * o.LoopMs * Stopwatch.Frequency / 1000);
            var wait = (target - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (wait > 0)
            {
                await Task.Delay((int)wait).ConfigureAwait(false);
            }

            var now = Stopwatch.GetTimestamp();
            var seconds = (now - last) / (double)Stopwatch.Frequency;
            var current = switches.Select(s => s.Responses).ToArray();
            var deltas = current.Zip(previous, (c, p) => c - p).ToArray();
            var goodDelta = good.Sum(s => deltas[s.Index]);
            var badGood = bad.Sum(s => current[s.Index]);
            var warm = loop < o.Warmup;
            var rate = goodDelta / seconds;
            var goodRates = good.Select(s => deltas[s.Index] / seconds).ToArray();
            var line = new StringBuilder(string.Create(inv,
                $"loop {loop + 1,3}/{o.Loops} {seconds * 1000,6:0} ms  {rate,12:N0} responses/s  switch min {goodRates.Min(),10:N0} max {goodRates.Max(),10:N0}"));
            if (bad.Length > 0)
            {
                line.Append(string.Create(inv, $"  | misbehaving: {(badGood - prevBadGood) / seconds:N0}/s, bad sent {bad.Sum(s => s.BadSent)}, disconnects {bad.Sum(s => s.Disconnects)}"));
            }

            if (warm)
            {
                line.Append("  (warm-up)");
            }
            else
            {
                loopTotals.Add(rate);
                measuredTicks += now - last;
                foreach (var s in good)
                {
                    perSwitchMeasured[s.Index] += deltas[s.Index];
                }
            }

            output.WriteLine(line.ToString());
            if (o.PerSwitch)
            {
                output.WriteLine("   per switch: " + string.Join(' ', switches.Select(s => (deltas[s.Index] / seconds).ToString("0", inv))));
            }

            previous = current;
            prevBadGood = badGood;
            last = now;
        }

        foreach (var s in switches)
        {
            s.Stop();
        }

        await Task.WhenAny(Task.WhenAll(writers), Task.Delay(2000)).ConfigureAwait(false);
        PrintSummary(o, output, switches, good, bad, loopTotals, perSwitchMeasured, measuredTicks);
        var dropped = good.Where(s => s.DisconnectedDuringRun is not null).ToArray();
        if (dropped.Length > 0)
        {
            output.WriteLine(string.Create(inv, $"WARNING: the controller closed {dropped.Length} well-behaved switch connection(s); first: dpid {dropped[0].Dpid}: {dropped[0].DisconnectedDuringRun}"));
            return 3;
        }

        return 0;
    }

    /// <summary>"16 by barrier" style summary of how switches became ready.</summary>
    public static string Reasons(IEnumerable<FakeSwitch> switches) =>
        string.Join(", ", switches.GroupBy(s => s.ReadyBy).OrderBy(g => g.Key).Select(g => $"{g.Count()} by {g.Key.ToString().ToLowerInvariant()}"));

    private static void PrintSummary(Options o, TextWriter output, FakeSwitch[] switches, FakeSwitch[] good, FakeSwitch[] bad,
        List<double> loopTotals, long[] perSwitch, long measuredTicks)
    {
        var inv = CultureInfo.InvariantCulture;
        var sorted = loopTotals.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var seconds = measuredTicks / (double)Stopwatch.Frequency;
        var rates = good.Select(s => perSwitch[s.Index] / seconds).ToArray();
        var mean = rates.Average();
        var fairness = mean > 0 ? rates.Min() / mean : 0;
        var fm = good.Sum(s => s.FlowMods);
        var po = good.Sum(s => s.PacketOuts);
        var pin = good.Sum(s => s.PacketInsSent);
        var errors = good.Sum(s => s.ErrorsReceived);
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"RESULT {o.Mode.ToString().ToLowerInvariant()} OpenFlow {Wire.VersionName(o.Version)}, {good.Length} well-behaved switches, {sorted.Length} measured loops: min {sorted[0]:N0}  median {median:N0}  max {sorted[^1]:N0}  avg {loopTotals.Average():N0} responses/s"));
        output.WriteLine(string.Create(inv, $"fairness (slowest switch / mean, over the measured loops): {fairness:0.00}  (per-switch mean {mean:N0}/s, min {rates.Min():N0}, max {rates.Max():N0})"));
        output.WriteLine(string.Create(inv, $"whole run, well-behaved switches: PACKET_IN sent {pin:N0}, FLOW_MOD {fm:N0}, PACKET_OUT {po:N0}, other FLOW_MOD {good.Sum(s => s.OtherFlowMods):N0}, ERROR {errors:N0}"));
        var rtt = 0.0;
        if (o.Mode == RunMode.Latency)
        {
            var trips = good.Sum(s => s.RoundTrips);
            rtt = trips > 0 ? good.Sum(s => s.RoundTripTicks) * 1e6 / Stopwatch.Frequency / trips : 0;
            output.WriteLine(string.Create(inv, $"latency: {trips:N0} round trips (response carrying the PACKET_IN's buffer_id), mean RTT {rtt:0.0} µs, {good.Sum(s => s.Lost):N0} lost (no answer in {o.LatencyTimeoutMs} ms)"));
        }

        if (bad.Length > 0)
        {
            output.WriteLine(string.Create(inv, $"misbehaving switches ({bad.Length}): bad messages sent {bad.Sum(s => s.BadSent):N0} ({string.Join(',', o.BadKinds.Select(BadMessages.Name))}), responses {bad.Sum(s => s.Responses):N0}, ERRORs received {bad.Sum(s => s.ErrorsReceived):N0}, disconnects {bad.Sum(s => s.Disconnects):N0}, handshakes {bad.Sum(s => s.Handshakes):N0}"));
        }

        // One machine-readable line (bench/compare.sh parses it).
        output.WriteLine(string.Create(inv,
            $"SUMMARY mode={o.Mode.ToString().ToLowerInvariant()} of={Wire.VersionName(o.Version)} switches={good.Length} malicious={bad.Length} loops={sorted.Length} min={sorted[0]:0} median={median:0} max={sorted[^1]:0} avg={loopTotals.Average():0} fairness={fairness:0.000} flowmods={fm} packetouts={po} packetins={pin} errors={errors} rtt_us={rtt:0.0} disconnected={good.Count(s => s.DisconnectedDuringRun is not null)}"));
    }
}
