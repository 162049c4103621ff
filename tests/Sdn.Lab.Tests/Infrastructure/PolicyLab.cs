using System.Globalization;
using System.Text.Json;

namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>
/// The policy lab's network (<c>scripts/policy_run.py</c>: ring ps1..ps4, hosts ph1..ph4 with MAC 00:00:00:00:f6:0N,
/// own names, own clean-up) driven over stdin, and the gRPC client <c>scripts/policy_client.py</c> (Debian's
/// python3-grpcio with the descriptor set). Every wait is bounded.
/// </summary>
public sealed class PolicyLab : IDisposable
{
    /// <summary>The interactive network driver.</summary>
    public const string Driver = "policy_run.py";

    /// <summary>The gRPC client.</summary>
    public const string Client = "policy_client.py";

    private readonly Dictionary<string, int> _answered = new(StringComparer.Ordinal);

    private PolicyLab(MininetRun run) => Run = run;

    /// <summary>The running driver.</summary>
    public MininetRun Run { get; }

    /// <summary>Removes only this lab's bridges and links (used after a time-out instead of <c>mn -c</c>).</summary>
    public static IReadOnlyList<string> Cleanup => CleanupOf(Driver);

    /// <summary>The clean-up command of <paramref name="driver"/> (policy_run.py or intent_run.py).</summary>
    public static IReadOnlyList<string> CleanupOf(string driver) => [LabPaths.Python, Path.Combine(LabPaths.ScriptsDir, driver), "--cleanup-only"];

    /// <summary>MAC of host phN.</summary>
    public static string Mac(int host) => $"00:00:00:00:f6:{host:x2}";

    /// <summary>
    /// Starts the network on OpenFlow port <paramref name="port"/> and waits until every switch is connected;
    /// <paramref name="driver"/> picks the ring (policy_run.py: ps/ph, intent_run.py: is/ih).
    /// </summary>
    public static async Task<PolicyLab> StartAsync(int port, string name, string driver = Driver)
    {
        var run = MininetRun.Start(driver, ["--port", port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(420), name, interactive: true, cleanup: CleanupOf(driver));
        var lab = new PolicyLab(run);
        try
        {
            var connected = await run.WaitForResultAsync("connected", TimeSpan.FromSeconds(120));
            if (connected is not { } c || !c.GetProperty("connected").GetBoolean())
            {
                throw new InvalidOperationException($"The policy ring did not connect: {connected}\n{run.OutputSoFar}");
            }

            lab._answered["connected"] = 1;
        }
        catch
        {
            lab.Dispose();
            throw;
        }

        return lab;
    }

    /// <summary>Sends one command and waits for its answer (the next result of <paramref name="phase"/>).</summary>
    public async Task<JsonElement> CommandAsync(string line, string phase, TimeSpan timeout)
    {
        var skip = _answered.GetValueOrDefault(phase);
        await Run.SendLineAsync(line);
        var answer = await Run.WaitForResultAsync(phase, timeout, skip)
                     ?? throw new TimeoutException($"No '{phase}' answer to '{line}' within {timeout.TotalSeconds:0} s.\n{Run.OutputSoFar}");
        _answered[phase] = skip + 1;
        return answer;
    }

    /// <summary>Pings every ordered host pair <paramref name="count"/> times: (src, dst) → packets received.</summary>
    public async Task<Dictionary<(string Src, string Dst), int>> PingPairsAsync(int count)
    {
        var answer = await CommandAsync($"pingpairs {count}", "pingpairs", TimeSpan.FromSeconds(120));
        return answer.GetProperty("pairs").EnumerateArray().ToDictionary(
            p => (p.GetProperty("src").GetString()!, p.GetProperty("dst").GetString()!), p => p.GetProperty("received").GetInt32());
    }

    /// <summary>Packets received of <paramref name="count"/> pings from <paramref name="src"/> to <paramref name="dst"/>.</summary>
    public async Task<int> PingAsync(string src, string dst, int count) =>
        (await CommandAsync($"ping {src} {dst} {count}", "ping", TimeSpan.FromSeconds(60))).GetProperty("received").GetInt32();

    /// <summary>
    /// 20 UDP datagrams <paramref name="src"/> → <paramref name="dst"/>:<paramref name="port"/>, 0.1 s apart, counted by
    /// a 3.5 s listener on the destination (<c>scripts/udp_count.py</c>): how many arrived (-1 when the listener said nothing).
    /// </summary>
    public async Task<int> UdpAsync(string src, string dst, int port) =>
        (await CommandAsync($"udp {src} {dst} {port}", "udp", TimeSpan.FromSeconds(60))).GetProperty("received").GetInt32();

    /// <summary>IP address of host phN.</summary>
    public static string Ip(int host) => $"10.246.0.{host}";

    /// <summary><c>ovs-ofctl -O OpenFlow13 dump-flows</c> of every switch: name → flow lines.</summary>
    public async Task<Dictionary<string, List<string>>> DumpFlowsAsync() =>
        (await CommandAsync("dump-flows", "dump-flows", TimeSpan.FromSeconds(60))).GetProperty("flows").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(l => l.GetString()!).ToList());

    /// <summary>Runs the gRPC client once (<c>policy_client.py SERVER ARGS</c>) and returns its final result.</summary>
    public static async Task<JsonElement> GrpcAsync(string server, params string[] args)
    {
        var run = await MininetRun.RunAsync(Client, [server, .. args], TimeSpan.FromSeconds(60), "grpc-" + args[0], ["true"]);
        return run.Final ?? throw new InvalidOperationException($"policy_client.py {string.Join(' ', args)} gave no final result.\n{run.Describe()}");
    }

    /// <summary>Starts <c>policy_client.py SERVER watch SECONDS KINDS...</c> in the background.</summary>
    public static MininetRun StartWatch(string server, int seconds, params string[] kinds) =>
        MininetRun.Start(Client, [server, "watch", seconds.ToString(CultureInfo.InvariantCulture), .. kinds], TimeSpan.FromSeconds(seconds + 60), "grpc-watch", cleanup: ["true"]);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!Run.HasExited)
        {
            try
            {
                Run.SendLineAsync("quit").Wait(TimeSpan.FromSeconds(5));
                Run.Completion.Wait(TimeSpan.FromSeconds(60));
            }
            catch (Exception e) when (e is AggregateException or IOException or InvalidOperationException)
            {
            }
        }

        Run.Dispose();
    }
}
