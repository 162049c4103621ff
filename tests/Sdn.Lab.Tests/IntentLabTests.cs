using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sdn.Lab.Tests.Infrastructure;
using Sdn.Lab.Tests.Topology;
using Xunit.Abstractions;

namespace Sdn.Lab.Tests;

/// <summary>
/// Path intents on real OVS: the ring is1..is4 (<c>scripts/intent_run.py</c>, hosts ih1..ih4, MAC 00:00:00:00:f7:0N,
/// IP 10.247.0.N, ShortestPath). An avoid-link intent for ih1 ↔ ih3 (selected by MAC: which IPv4 addresses the
/// controller has learned depends on which packets reached it, see the unit tests for IPv4 selectors) pushed over gRPC by
/// Debian's python3-grpcio (<c>scripts/intent_client.py</c>) on the first link of their shortest path moves them to
/// the other side of the ring: ping still works, <c>dump-flows</c> shows their flows there and none on the avoided
/// side (primary and fast-failover detours alike), GetPath reports the new installed path, every pair still pings;
/// deleting the policy moves them back and removes every flow installed under the intent. A waypoint intent sends
/// ih1 → ih2 through is3 along the loop-free way round the ring.
/// </summary>
[Collection("lab")]
public sealed class IntentLabTests(LabEnvironment lab, ITestOutputHelper output)
{
    private const string Driver = "intent_run.py";
    private const string PolicyId = "avoid-ih1-ih3";
    private static readonly string Mac1 = Mac(1), Mac3 = Mac(3);

    [Fact]
    public async Task AvoidLinkIntent_OnRing_PingStillWorks_FlowsMoveToTheOtherSide_GetPathFollows_DeleteMovesBack()
    {
        _ = lab;
        var clock = Stopwatch.StartNew();
        await using var controller = await ControllerProcess.StartAsync("intent-avoid", [$"127.0.0.1:{LabPaths.Port(6653).ToString(CultureInfo.InvariantCulture)}"], ["ShortestPath"], ["--Topology:ProbeInterval=1"]);
        using var net = await PolicyLab.StartAsync(LabPaths.Port(6653), "intent-avoid", Driver);
        await WarmUpAsync(net, controller);

        var before = await PathAsync(controller, true, net);
        Assert.True(before.Count == 3, $"ih1 → ih3 should cross 3 switches of the ring: {string.Join(" > ", before)}");
        var (a, b, c) = (before[0], before[1], before[2]);
        var other = Enumerable.Range(1, 4).Select(i => $"is{i}").Single(s => s != a && s != b && s != c);
        output.WriteLine($"before: ih1 → ih3 {string.Join(" > ", before)}; avoiding {a}-{b}");

        var dry = await ClientAsync(controller, "avoid", PolicyId, Mac1, Mac3, Dpid(a), Dpid(b), "dry-run");
        Assert.True(dry.GetProperty("code").GetString() == "OK", $"dry run: {dry}\n{Context(net, controller)}");
        var planned = Moves(dry).Single(m => m.Src == Mac1);
        Assert.Equal(1, planned.State); // PLANNED
        Assert.Equal([a, b, c], planned.Old);
        Assert.Equal([a, other, c], planned.New);
        Assert.Equal(before, await PathAsync(controller, true, net)); // nothing moved

        var applied = await ClientAsync(controller, "avoid", PolicyId, Mac1, Mac3, Dpid(a), Dpid(b));
        Assert.True(applied.GetProperty("code").GetString() == "OK", $"ApplyPolicy: {applied}\n{Context(net, controller)}");
        var moves = Moves(applied);
        Assert.True(moves.Count(m => m.State == 2) == 2 && moves.Any(m => m.Src == Mac1 && m.Dst == Mac3) && moves.Any(m => m.Src == Mac3 && m.Dst == Mac1),
            $"expected ih1 → ih3 and ih3 → ih1 moved and confirmed: {applied}");
        Assert.Equal([a, other, c], await PathAsync(controller, true, net));

        Assert.True(await net.PingAsync("ih1", "ih3", 5) > 0, $"ih1 → ih3 does not ping under the intent.\n{Context(net, controller)}");
        var flows = await net.DumpFlowsAsync();
        Assert.True(PairFlows(flows[other]).Count >= 2, $"{other} has no ShortestPath flows for ih1 ↔ ih3:\n{string.Join('\n', flows[other])}");
        Assert.True(PairFlows(flows[b]).Count == 0, $"{b} still forwards ih1 ↔ ih3 (the avoided link leads there):\n{string.Join('\n', PairFlows(flows[b]))}");
        var intentCookies = flows.Values.SelectMany(PairFlows).Select(f => f.Cookie).ToHashSet();
        var pairs = await net.PingPairsAsync(2);
        Assert.True(pairs.All(p => p.Value > 0), $"pairs silent under the intent: {Describe(pairs)}\n{Context(net, controller)}");
        output.WriteLine($"applied: ih1 → ih3 {a} > {other} > {c}; {other}: {string.Join(" | ", PairFlows(flows[other]).Select(f => f.Text))}; {Describe(pairs)}");

        var deleted = await ClientAsync(controller, "delete", PolicyId);
        Assert.True(deleted.GetProperty("code").GetString() == "OK", $"DeletePolicy: {deleted}");
        Assert.Contains(Moves(deleted), m => m.Src == Mac1 && m.New.SequenceEqual([a, b, c]));
        Assert.Equal(before, await PathAsync(controller, true, net));
        Assert.True(await net.PingAsync("ih1", "ih3", 5) > 0, $"ih1 → ih3 does not ping after DeletePolicy.\n{Context(net, controller)}");
        var after = (await net.DumpFlowsAsync()).Values.SelectMany(PairFlows).ToList();
        Assert.True(!after.Any(f => intentCookies.Contains(f.Cookie)), $"the intent's flows outlived it:\n{string.Join('\n', after.Select(f => f.Text))}");
        output.WriteLine($"deleted: back on {string.Join(" > ", before)}; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task WaypointIntent_OnRing_TakesTheLoopFreeWayThroughTheWaypoint_PingWorks_GetPathFollows()
    {
        _ = lab;
        await using var controller = await ControllerProcess.StartAsync("intent-via", [$"127.0.0.1:{LabPaths.Port(6653).ToString(CultureInfo.InvariantCulture)}"], ["ShortestPath"], ["--Topology:ProbeInterval=1"]);
        using var net = await PolicyLab.StartAsync(LabPaths.Port(6653), "intent-via", Driver);
        await WarmUpAsync(net, controller);
        var before = await PathAsync(controller, true, net, Mac(1), Mac(2));
        Assert.Equal(["is1", "is2"], before);

        // ih1 → ih2 through is3: the shortest ways (is1-is2-is3, then is3-is2) would cross is2 twice; the loop-free
        // path is the long way round, is1-is4-is3-is2.
        var applied = await ClientAsync(controller, "via", "via-is3", Mac(1), Mac(2), Dpid("is3"));
        Assert.True(applied.GetProperty("code").GetString() == "OK", $"ApplyPolicy: {applied}\n{Context(net, controller)}");
        Assert.Contains(Moves(applied), m => m.Src == Mac1 && m.State == 2 && m.New.SequenceEqual(["is1", "is4", "is3", "is2"]));
        Assert.Equal(["is1", "is4", "is3", "is2"], await PathAsync(controller, true, net, Mac(1), Mac(2)));
        Assert.True(await net.PingAsync("ih1", "ih2", 5) > 0, $"ih1 → ih2 does not ping through is3.\n{Context(net, controller)}");
        var flows = await net.DumpFlowsAsync();
        Assert.True(flows["is3"].Select(FlowLine.Parse).Any(f => f.Cookie >> 56 == 0x12 && f.Matches(Mac1, Mac(2)) && f.Packets > 0),
            $"is3 carries no ih1 → ih2 traffic:\n{string.Join('\n', flows["is3"])}");
        output.WriteLine($"via is3: ih1 → ih2 is1 > is4 > is3 > is2, is3 counted packets");
    }

    private static string Mac(int host) => $"00:00:00:00:f7:{host:x2}";

    /// <summary>Switch name isN of a dpid (00000000f7010N in any padding).</summary>
    private static string Name(string dpid) => $"is{Convert.ToUInt64(dpid, 16) & 0xff}";

    private static string Dpid(string name) => $"0000000000f701{int.Parse(name[2..], CultureInfo.InvariantCulture):x2}";

    /// <summary>ShortestPath flows (cookie 0x12…) of ih1 → ih3 or ih3 → ih1 in one switch's dump.</summary>
    private static List<FlowLine> PairFlows(List<string> lines) =>
        [.. lines.Select(FlowLine.Parse).Where(f => f.Cookie >> 56 == 0x12 && (f.Matches(Mac1, Mac3) || f.Matches(Mac3, Mac1)))];

    private static Task<JsonElement> ClientAsync(ControllerProcess controller, params string[] args) => RunClientAsync(controller.GrpcAddress, args);

    private static async Task<JsonElement> RunClientAsync(string server, string[] args)
    {
        var run = await MininetRun.RunAsync("intent_client.py", [server, .. args], TimeSpan.FromSeconds(60), "grpc-intent-" + args[0], ["true"]);
        return run.Final ?? throw new InvalidOperationException($"intent_client.py {string.Join(' ', args)} gave no final result.\n{run.Describe()}");
    }

    /// <summary>GetPath (ih1 → ih3 unless given) as switch names; asserts whether it is installed.</summary>
    private static async Task<List<string>> PathAsync(ControllerProcess controller, bool installed, PolicyLab net, string? src = null, string? dst = null)
    {
        var path = await ClientAsync(controller, "path", src ?? Mac1, dst ?? Mac3);
        Assert.True(path.GetProperty("code").GetString() == "OK" && path.GetProperty("installed").GetBoolean() == installed, $"GetPath: {path}\n{Context(net, controller)}");
        return [.. path.GetProperty("hops").EnumerateArray().Select(h => Name(h.GetProperty("dpid").GetString()!))];
    }

    private static List<(string Src, string Dst, int State, string[] Old, string[] New)> Moves(JsonElement answer) =>
        [.. answer.GetProperty("paths").EnumerateArray().Select(p => (p.GetProperty("src").GetString()!, p.GetProperty("dst").GetString()!, p.GetProperty("state").GetInt32(),
            p.GetProperty("old").EnumerateArray().Select(d => Name(d.GetString()!)).ToArray(), p.GetProperty("new").EnumerateArray().Select(d => Name(d.GetString()!)).ToArray()))];

    /// <summary>Pings every pair until each answers (hosts and their IPv4 addresses learned, paths installed), bounded.</summary>
    private async Task WarmUpAsync(PolicyLab net, ControllerProcess controller)
    {
        Dictionary<(string Src, string Dst), int> pairs = [];
        for (var round = 1; round <= 4; round++)
        {
            pairs = await net.PingPairsAsync(2);
            if (pairs.All(p => p.Value > 0))
            {
                output.WriteLine($"warm-up: every pair answered in round {round}");
                return;
            }
        }

        Assert.Fail($"warm-up: pairs still silent after 4 rounds: {Describe(pairs)}\n{Context(net, controller)}");
    }

    private static string Describe(Dictionary<(string Src, string Dst), int> pairs) =>
        string.Join(", ", pairs.OrderBy(p => p.Key.Src, StringComparer.Ordinal).ThenBy(p => p.Key.Dst, StringComparer.Ordinal).Select(p => $"{p.Key.Src}→{p.Key.Dst} {p.Value}"));

    private static string Context(PolicyLab net, ControllerProcess controller) =>
        $"--- driver log {net.Run.LogPath} ---\n--- controller log {controller.LogPath} (tail) ---\n{controller.LogTail(40)}";
}
