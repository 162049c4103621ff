using System.Diagnostics;
using System.Globalization;
using Sdn.Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sdn.Lab.Tests;

/// <summary>
/// Issue 6 on real OVS: a deny policy ph1 → ph2 pushed over gRPC by Debian's python3-grpcio (<c>scripts/policy_client.py</c>)
/// on the ring ps1..ps4 (<c>scripts/policy_run.py</c>, own names, ShortestPath) stops that ping while every other pair
/// pings; the drop flow is on every switch; deleting it restores the ping; a controller restart on the same policy
/// database enforces it again; a WatchEvents stream sees LINK_DOWN and PATH_REROUTED when a link of a path is cut.
/// An ALLOW exception (ICMP) above a DENY (all IPv4 ph1 → ph2) lets the pings through and still stops UDP; the ACL is
/// in table 0 and forwarding in table 1.
/// </summary>
[Collection("lab")]
public sealed class PolicyLabTests(LabEnvironment lab, ITestOutputHelper output)
{
    private const string PolicyId = "deny-ph1-ph2";
    private const int RulePriority = 10;
    private static readonly string[] Dpids = ["00000000f60101", "00000000f60102", "00000000f60103", "00000000f60104"];

    [Fact]
    public async Task DenyPolicy_OverGrpc_BlocksOnlyPh1ToPh2_DropFlowOnEverySwitch_DeleteRestoresPing()
    {
        _ = lab;
        var clock = Stopwatch.StartNew();
        await using var controller = await StartControllerAsync("policy-apply-delete");
        using var net = await PolicyLab.StartAsync(LabPaths.Port(6653), "policy-apply-delete");
        await WarmUpAsync(net, controller);

        await ApplyDenyAsync(controller, net);
        await AssertEnforcedAsync(net, controller);

        var deleted = await PolicyLab.GrpcAsync(controller.GrpcAddress, "delete", PolicyId);
        Assert.True(deleted.GetProperty("code").GetString() == "OK", $"DeletePolicy: {deleted}");
        var flows = await net.DumpFlowsAsync();
        Assert.All(flows, sw => Assert.DoesNotContain(sw.Value, IsDropFlow));
        var received = await net.PingAsync("ph1", "ph2", 5);
        Assert.True(received > 0, $"ph1 → ph2 still fails after DeletePolicy (0 of 5 answered).\n{Context(net, controller)}");
        output.WriteLine($"deleted: ph1 → ph2 {received}/5 answered; no drop flow left; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task DenyPolicy_SurvivesControllerRestart_ReappliedFromDatabase_EnforcedAndListed()
    {
        _ = lab;
        var clock = Stopwatch.StartNew();
        var db = Path.Combine(LabPaths.LogDir, $"policies-restart-{LabPaths.Stamp()}.db");
        string[] shared = [$"--Northbound:PolicyDatabase={db}"];
        using var net = await StartWithControllerAsync("policy-restart-1", shared, async (first, n) =>
        {
            await WarmUpAsync(n, first);
            await ApplyDenyAsync(first, n);
            Assert.Equal(0, await n.PingAsync("ph1", "ph2", 3));
        });

        // The first controller is gone: the switches notice, lose every flow, and only a controller that read the
        // database can bring the drop flows back.
        var cleared = await net.CommandAsync("clear-flows", "cleared", TimeSpan.FromSeconds(90));
        Assert.True(cleared.GetProperty("disconnected").GetBoolean() && cleared.GetProperty("flows_left").GetInt32() == 0, $"clear-flows: {cleared}");
        await using var second = await StartControllerAsync("policy-restart-2", shared);
        var connected = await net.CommandAsync("wait-connected", "connected", TimeSpan.FromSeconds(90));
        Assert.True(connected.GetProperty("connected").GetBoolean(), $"the switches did not reconnect: {connected}\n{Context(net, second)}");
        output.WriteLine($"restart: switches reconnected after {connected.GetProperty("seconds")} s");

        var listed = await PolicyLab.GrpcAsync(second.GrpcAddress, "list");
        Assert.Contains(listed.GetProperty("policies").EnumerateArray(), p => p.GetProperty("id").GetString() == PolicyId);
        await WaitForDropFlowsAsync(net, second);
        await WarmUpAsync(net, second, skipDenied: true);
        await AssertEnforcedAsync(net, second);
        output.WriteLine($"restart: policy listed and enforced by the new controller; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task WatchEvents_LinkOnInstalledPathCut_StreamReceivesLinkDownAndPathRerouted()
    {
        _ = lab;
        var clock = Stopwatch.StartNew();
        await using var controller = await StartControllerAsync("policy-watch");
        using var net = await PolicyLab.StartAsync(LabPaths.Port(6653), "policy-watch");
        await WarmUpAsync(net, controller);
        Assert.True(await net.PingAsync("ph1", "ph3", 3) > 0, "ph1 → ph3 does not ping.\n" + Context(net, controller));
        var path = await PolicyLab.GrpcAsync(controller.GrpcAddress, "path", PolicyLab.Mac(1), PolicyLab.Mac(3));
        var hops = path.GetProperty("hops").EnumerateArray().ToList();
        Assert.True(hops.Count == 3, $"ph1 → ph3 should cross 3 switches of the ring: {path}");
        var first = hops[0];

        using var watch = PolicyLab.StartWatch(controller.GrpcAddress, 60, "LINK_DOWN", "PATH_REROUTED");
        Assert.True(await watch.WaitForResultAsync("watching", TimeSpan.FromSeconds(60)) is not null, "the watch stream never went live.\n" + watch.OutputSoFar);
        var cut = await net.CommandAsync(
            $"link-down {first.GetProperty("dpid").GetString()} {first.GetProperty("out_port").GetUInt32()}", "link-down", TimeSpan.FromSeconds(30));
        var done = await watch.Completion;
        var events = done.Results.Where(r => MininetResult.Phase(r) == "event").ToList();
        var detail = $"cut {cut.GetProperty("link")}; events: {string.Join(" | ", events.Select(e => e.GetProperty("kind") + " " + e.GetProperty("description")))}\n{done.Describe()}\n{Context(net, controller)}";
        Assert.True(done.Final is { } f && f.GetProperty("ok").GetBoolean(), "the stream did not receive LINK_DOWN and PATH_REROUTED.\n" + detail);
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "LINK_DOWN");
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "PATH_REROUTED");
        Assert.True(await net.PingAsync("ph1", "ph3", 3) > 0, "ph1 → ph3 does not ping after the reroute.\n" + detail);
        output.WriteLine($"watch: {detail.Split('\n')[0]}; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public Task AllowException_IcmpPassesUdpStillDenied_AclInTable0_ForwardingInTable1_DeleteRestoresUdp() =>
        OnWarmRingAsync("policy-allow", AllowExceptionAsync);

    private async Task AllowExceptionAsync(ControllerProcess controller, PolicyLab net, Stopwatch clock)
    {
        Assert.True(await net.UdpAsync("ph1", "ph2", UdpPort) > 0, "UDP ph1 → ph2 does not arrive before any policy (the probe itself is broken).\n" + Context(net, controller));

        const string id = "ipv4-ph1-ph2-except-icmp";
        var policy = $$$"""
            {"id": "{{{id}}}", "description": "all IPv4 ph1 -> ph2 denied, ICMP allowed", "acl": [
              {"action": "DENY", "priority": 10, "match": {"ipv4Src": "{{{PolicyLab.Ip(1)}}}", "ipv4Dst": "{{{PolicyLab.Ip(2)}}}"}},
              {"action": "ALLOW", "priority": 20, "match": {"ipv4Src": "{{{PolicyLab.Ip(1)}}}", "ipv4Dst": "{{{PolicyLab.Ip(2)}}}", "ipProto": 1}}]}
            """;
        var applied = await PolicyLab.GrpcAsync(controller.GrpcAddress, "apply-policy", policy.ReplaceLineEndings(" "));
        Assert.True(applied.GetProperty("code").GetString() == "OK", $"ApplyPolicy (DENY + ALLOW): {applied}\n{Context(net, controller)}");
        Assert.Equal(Dpids.Select(d => d.TrimStart('0')).Order(), applied.GetProperty("confirmed").EnumerateArray().Select(d => d.GetString()!.TrimStart('0')).Order());
        var changes = applied.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(4, changes.Count(c => c.Contains("table=0 priority=1020", StringComparison.Ordinal) && c.Contains("actions=goto_table:1", StringComparison.Ordinal)));

        var flows = await net.DumpFlowsAsync();
        Assert.Equal(4, flows.Count);
        foreach (var (name, lines) in flows)
        {
            var dump = $"{name}:\n{string.Join('\n', lines)}";
            Assert.True(lines.Count(l => IsAcl(l, 1010) && l.EndsWith("actions=drop", StringComparison.Ordinal)) == 1, "expected the DENY in table 0: " + dump);
            Assert.True(lines.Count(l => IsAcl(l, 1020) && l.Contains("icmp", StringComparison.Ordinal) && l.EndsWith("actions=goto_table:1", StringComparison.Ordinal)) == 1, "expected the ALLOW (goto_table:1) in table 0: " + dump);
            Assert.True(lines.Count(l => l.Contains("table=0,", StringComparison.Ordinal) && l.Contains("priority=0 ", StringComparison.Ordinal) && l.EndsWith("actions=goto_table:1", StringComparison.Ordinal)) == 1, "expected table 0's miss goto_table:1: " + dump);
            Assert.True(lines.Any(l => l.Contains("table=0,", StringComparison.Ordinal) && l.Contains("dl_type=0x88cc", StringComparison.Ordinal) && l.Contains("CONTROLLER", StringComparison.Ordinal)), "expected the LLDP punt in table 0: " + dump);
            var forwarding = lines.Where(l => l.Contains("cookie=0x12", StringComparison.Ordinal)).ToList();
            Assert.True(forwarding.Count > 0 && forwarding.All(l => l.Contains("table=1,", StringComparison.Ordinal)), "every ShortestPath flow (cookie 0x12…) should be in table 1: " + dump);
            Assert.True(forwarding.Any(l => l.Contains("priority=0 ", StringComparison.Ordinal) && l.Contains("CONTROLLER:65535", StringComparison.Ordinal)), "expected ShortestPath's table-miss in table 1: " + dump);
        }

        var pairs = await net.PingPairsAsync(3);
        var silent = pairs.Where(p => p.Value == 0).ToList();
        Assert.True(silent.Count == 0, $"with ICMP allowed every pair (ph1 → ph2 too) should ping: {Describe(pairs)}\n{Context(net, controller)}");
        var denied = await net.UdpAsync("ph1", "ph2", UdpPort);
        Assert.True(denied == 0, $"{denied} of 20 UDP datagrams ph1 → ph2 arrived although all IPv4 ph1 → ph2 other than ICMP is denied.\n" + Context(net, controller));
        Assert.True(await net.UdpAsync("ph2", "ph1", UdpPort) > 0, "UDP ph2 → ph1 (the other direction, not covered) does not arrive.\n" + Context(net, controller));
        Assert.True(await net.UdpAsync("ph1", "ph3", UdpPort) > 0, "UDP ph1 → ph3 (not covered by the policy) does not arrive.\n" + Context(net, controller));
        output.WriteLine($"allow: {Describe(pairs)}; UDP ph1 → ph2 0/20, ph2 → ph1 and ph1 → ph3 arrive; allow flow: {flows["ps1"].First(l => IsAcl(l, 1020))}");

        var deleted = await PolicyLab.GrpcAsync(controller.GrpcAddress, "delete", id);
        Assert.True(deleted.GetProperty("code").GetString() == "OK", $"DeletePolicy: {deleted}");
        Assert.True(await net.UdpAsync("ph1", "ph2", UdpPort) > 0, "UDP ph1 → ph2 still does not arrive after DeletePolicy.\n" + Context(net, controller));
        var after = await net.DumpFlowsAsync();
        Assert.All(after, sw => Assert.DoesNotContain(sw.Value, l => IsAcl(l, 1010) || IsAcl(l, 1020)));
        Assert.All(after, sw => Assert.Contains(sw.Value, l => l.Contains("table=0,", StringComparison.Ordinal) && l.Contains("priority=0 ", StringComparison.Ordinal) && l.EndsWith("actions=goto_table:1", StringComparison.Ordinal)));
        output.WriteLine($"deleted: UDP ph1 → ph2 arrives again, table 0 keeps only its goto entry and the LLDP punt; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private const int UdpPort = 2222;

    /// <summary>Starts a controller and the ring, warms it up (every pair pings), then runs <paramref name="body"/>; both are stopped after.</summary>
    private async Task OnWarmRingAsync(string name, Func<ControllerProcess, PolicyLab, Stopwatch, Task> body)
    {
        _ = lab;
        var clock = Stopwatch.StartNew();
        await using var controller = await StartControllerAsync(name);
        using var net = await PolicyLab.StartAsync(LabPaths.Port(6653), name);
        await WarmUpAsync(net, controller);
        await body(controller, net, clock);
    }

    /// <summary>A policy flow (cookie 0x20…) in table 0 at OpenFlow priority <paramref name="priority"/> for IPv4 ph1 → ph2.</summary>
    private static bool IsAcl(string line, int priority) =>
        line.Contains("cookie=0x20", StringComparison.Ordinal) &&
        line.Contains("table=0,", StringComparison.Ordinal) &&
        line.Contains($"priority={priority},", StringComparison.Ordinal) &&
        line.Contains($"nw_src={PolicyLab.Ip(1)},nw_dst={PolicyLab.Ip(2)}", StringComparison.Ordinal);

    private static Task<ControllerProcess> StartControllerAsync(string name, IEnumerable<string>? extra = null) =>
        ControllerProcess.StartAsync(name, [$"127.0.0.1:{LabPaths.Port(6653).ToString(CultureInfo.InvariantCulture)}"], ["ShortestPath"], ["--Topology:ProbeInterval=1", .. extra ?? []]);

    /// <summary>Starts a controller and the network, runs <paramref name="body"/>, then stops the controller and leaves the network up.</summary>
    private static async Task<PolicyLab> StartWithControllerAsync(string name, string[] extra, Func<ControllerProcess, PolicyLab, Task> body)
    {
        await using var controller = await StartControllerAsync(name, extra);
        var net = await PolicyLab.StartAsync(LabPaths.Port(6653), name);
        try
        {
            await body(controller, net);
        }
        catch
        {
            net.Dispose();
            throw;
        }

        return net;
    }

    /// <summary>Pings every pair until each answers (the controller learns the hosts and installs their paths), bounded.</summary>
    private async Task WarmUpAsync(PolicyLab net, ControllerProcess controller, bool skipDenied = false)
    {
        Dictionary<(string Src, string Dst), int> pairs = [];
        for (var round = 1; round <= 4; round++)
        {
            pairs = await net.PingPairsAsync(2);
            var silent = pairs.Where(p => p.Value == 0 && !(skipDenied && IsDeniedPair(p.Key))).ToList();
            if (silent.Count == 0)
            {
                output.WriteLine($"warm-up: every pair answered in round {round}");
                return;
            }
        }

        Assert.Fail($"warm-up: pairs still silent after 4 rounds: {Describe(pairs)}\n{Context(net, controller)}");
    }

    private async Task ApplyDenyAsync(ControllerProcess controller, PolicyLab net)
    {
        var applied = await PolicyLab.GrpcAsync(controller.GrpcAddress, "apply", PolicyId, RulePriority.ToString(CultureInfo.InvariantCulture), PolicyLab.Mac(1), PolicyLab.Mac(2));
        Assert.True(applied.GetProperty("code").GetString() == "OK", $"ApplyPolicy: {applied}\n{Context(net, controller)}");
        var confirmed = applied.GetProperty("confirmed").EnumerateArray().Select(d => d.GetString()!.TrimStart('0')).Order().ToList();
        Assert.Equal(Dpids.Select(d => d.TrimStart('0')).Order(), confirmed);
        output.WriteLine($"applied over gRPC (python3-grpcio): {applied.GetProperty("changes").GetArrayLength()} flow changes, confirmed by {string.Join(", ", confirmed)}");
    }

    /// <summary>The drop flow is on every switch; ph1 → ph2 (and so ph2 → ph1, whose replies are ph1 → ph2) fails; every other pair pings.</summary>
    private async Task AssertEnforcedAsync(PolicyLab net, ControllerProcess controller)
    {
        var flows = await net.DumpFlowsAsync();
        Assert.Equal(4, flows.Count);
        Assert.All(flows, sw => Assert.True(sw.Value.Count(IsDropFlow) == 1, $"{sw.Key}: expected one drop flow ph1 → ph2:\n{string.Join('\n', sw.Value)}"));
        var pairs = await net.PingPairsAsync(3);
        Assert.True(pairs[("ph1", "ph2")] == 0, $"ph1 → ph2 still answers under the deny policy: {Describe(pairs)}\n{Context(net, controller)}");
        Assert.True(pairs[("ph2", "ph1")] == 0, $"ph2 → ph1 answers although its replies ph1 → ph2 are denied: {Describe(pairs)}");
        var broken = pairs.Where(p => !IsDeniedPair(p.Key) && p.Value == 0).ToList();
        Assert.True(broken.Count == 0, $"other pairs no longer ping: {Describe(pairs)}\n{Context(net, controller)}");
        output.WriteLine($"enforced: {Describe(pairs)}; drop flow: {flows["ps1"].First(IsDropFlow)}");
    }

    private async Task WaitForDropFlowsAsync(PolicyLab net, ControllerProcess controller)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, List<string>> flows;
        do
        {
            flows = await net.DumpFlowsAsync();
            if (flows.Values.All(f => f.Any(IsDropFlow)))
            {
                output.WriteLine($"restart: drop flows back on every switch {clock.Elapsed.TotalSeconds:0.0} s after reconnect");
                return;
            }

            await Task.Delay(500);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Fail($"the new controller did not re-apply the stored policy within 30 s:\n{string.Join('\n', flows.Select(f => f.Key + ": " + string.Join(" ; ", f.Value)))}\n{Context(net, controller)}");
    }

    private static bool IsDeniedPair((string Src, string Dst) p) => (p.Src, p.Dst) is ("ph1", "ph2") or ("ph2", "ph1");

    /// <summary>cookie 0x20…, priority 1000 + rule priority, dl_src ph1, dl_dst ph2, no actions (drop).</summary>
    private static bool IsDropFlow(string line) =>
        line.Contains("cookie=0x20", StringComparison.Ordinal) &&
        line.Contains($"priority={1000 + RulePriority}", StringComparison.Ordinal) &&
        line.Contains($"dl_src={PolicyLab.Mac(1)}", StringComparison.Ordinal) &&
        line.Contains($"dl_dst={PolicyLab.Mac(2)}", StringComparison.Ordinal) &&
        line.EndsWith("actions=drop", StringComparison.Ordinal);

    private static string Describe(Dictionary<(string Src, string Dst), int> pairs) =>
        string.Join(", ", pairs.OrderBy(p => p.Key.Src, StringComparer.Ordinal).ThenBy(p => p.Key.Dst, StringComparer.Ordinal).Select(p => $"{p.Key.Src}→{p.Key.Dst} {p.Value}"));

    private static string Context(PolicyLab net, ControllerProcess controller) =>
        $"--- driver log {net.Run.LogPath} ---\n--- controller log {controller.LogPath} (tail) ---\n{controller.LogTail(40)}";
}
