using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sdn.Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sdn.Lab.Tests;

/// <summary>
/// Real Open vSwitch (userspace datapath) + Mininet against the Release build of the controller.
/// Each test starts its own controller (both 6653 and 6633, app L2Learning) and its own network.
/// </summary>
[Collection("lab")]
public sealed partial class LabTests(LabEnvironment lab, ITestOutputHelper output)
{
    private const string Driver = "pingall_run.py";

    /// <summary>Cookie base of the L2Learning app: learned flows carry 0x1000000000000000 and up.</summary>
    [GeneratedRegex(@"cookie=0x1[0-9a-f]{15}\b")]
    private static partial Regex L2LearningCookie();

    [GeneratedRegex(@"[ ,]priority=1[ ,]")]
    private static partial Regex PriorityOne();

    [Fact]
    public async Task Linear3_PingAll_NoLoss_OnPort6653()
    {
        await using var controller = await StartControllerAsync(nameof(Linear3_PingAll_NoLoss_OnPort6653));
        var run = await RunDriverAsync(controller, "linear,3", 6653);
        AssertAllRoundsClean(run, controller, expectedRounds: 1);
    }

    [Fact]
    public async Task Linear3_PingAll_NoLoss_OnPort6633()
    {
        await using var controller = await StartControllerAsync(nameof(Linear3_PingAll_NoLoss_OnPort6633));
        var run = await RunDriverAsync(controller, "linear,3", 6633);
        AssertAllRoundsClean(run, controller, expectedRounds: 1);
    }

    [Theory]
    [InlineData(6653)]
    [InlineData(6633)]
    public async Task Tree_Depth2_Fanout2_PingAll_NoLoss(int port)
    {
        await using var controller = await StartControllerAsync($"tree22-{port}");
        var run = await RunDriverAsync(controller, "tree,2,2", port);
        AssertAllRoundsClean(run, controller, expectedRounds: 1);
    }

    [Fact]
    public async Task DumpFlows_S1_AfterPingAll_HasTableMissAndLearnedL2LearningFlows()
    {
        await using var controller = await StartControllerAsync(nameof(DumpFlows_S1_AfterPingAll_HasTableMissAndLearnedL2LearningFlows));
        var run = await RunDriverAsync(controller, "linear,3", 6653, "--dump-flows", "s1");
        AssertAllRoundsClean(run, controller, expectedRounds: 1);

        var flows = FlowsOf(run.Rounds[0], "s1");
        var dump = "s1 flows:\n  " + string.Join("\n  ", flows) + "\n" + Context(run, controller);

        // Two-table pipeline (Policies:AclTable, default on): L2Learning's flows are Ryu's, in the forwarding table 1;
        // table 0 is the ACL stage, which without policies is the LLDP punt and a priority-0 goto_table:1.
        Assert.True(
            flows.Any(f => f.Contains("table=1,", StringComparison.Ordinal) && f.Contains("priority=0 actions=CONTROLLER:65535", StringComparison.Ordinal) && L2LearningCookie().IsMatch(f)),
            "Expected L2Learning's table-miss flow `table=1 ... priority=0 actions=CONTROLLER:65535` on s1.\n" + dump);
        Assert.True(
            flows.Any(f => f.Contains("table=1,", StringComparison.Ordinal) && PriorityOne().IsMatch(f) && L2LearningCookie().IsMatch(f)),
            "Expected at least one learned `table=1 ... priority=1` flow with the L2Learning cookie (0x1000000000000000 + n) on s1.\n" + dump);
        Assert.True(
            flows.Where(f => L2LearningCookie().IsMatch(f)).All(f => f.Contains("table=1,", StringComparison.Ordinal)),
            "Every L2Learning flow should be in table 1.\n" + dump);
        Assert.True(
            flows.Any(f => f.Contains("table=0,", StringComparison.Ordinal) && f.Contains("priority=0 actions=goto_table:1", StringComparison.Ordinal)),
            "Expected the ACL stage's `table=0 ... priority=0 actions=goto_table:1` on s1.\n" + dump);
    }

    [Fact]
    public async Task OpenFlow10Bridges_Linear3_PingAll_NoLoss_AndDumpFlowsShowOurFlows()
    {
        await using var controller = await StartControllerAsync(nameof(OpenFlow10Bridges_Linear3_PingAll_NoLoss_AndDumpFlowsShowOurFlows));
        var run = await RunDriverAsync(controller, "linear,3", 6653, "--protocols", "OpenFlow10", "--dump-flows", "s1");
        AssertAllRoundsClean(run, controller, expectedRounds: 1);

        // dump-flows ran with `ovs-ofctl -O OpenFlow10`: the flows our 1.0 encoder wrote, with our cookies.
        var flows = FlowsOf(run.Rounds[0], "s1");
        var dump = "s1 flows (ovs-ofctl -O OpenFlow10 dump-flows s1):\n  " + string.Join("\n  ", flows) + "\n" + Context(run, controller);
        Assert.True(
            flows.Any(f => f.Contains("priority=0 actions=CONTROLLER:65535", StringComparison.Ordinal) && L2LearningCookie().IsMatch(f)),
            "Expected the table-miss flow `priority=0 actions=CONTROLLER:65535` with the L2Learning cookie on s1.\n" + dump);
        Assert.True(
            flows.All(f => !f.Contains("table=", StringComparison.Ordinal) || f.Contains("table=0,", StringComparison.Ordinal)) && !flows.Any(f => f.Contains("goto_table", StringComparison.Ordinal)),
            "OpenFlow 1.0 has one table and no goto_table: everything must stay in table 0.\n" + dump);
        Assert.True(
            flows.Any(f => PriorityOne().IsMatch(f) && L2LearningCookie().IsMatch(f)),
            "Expected at least one learned `priority=1` flow with the L2Learning cookie (0x1000000000000000 + n) on s1.\n" + dump);

        var log = controller.LogTail(400);
        Assert.True(log.Contains("ready: OpenFlow 1.0 (0x01)", StringComparison.Ordinal),
            "The controller log should say the switches negotiated OpenFlow 1.0.\n" + Context(run, controller));
        Assert.DoesNotContain("OpenFlow 1.3 (0x04)", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenFlow11OnlyBridge_NeverConnects_AndControllerLogsHelloFailed()
    {
        const string bridge = "brof11";
        await using var controller = await StartControllerAsync(nameof(OpenFlow11OnlyBridge_NeverConnects_AndControllerLogsHelloFailed));
        await Vsctl("--if-exists", "del-br", bridge);
        try
        {
            var add = await Vsctl(
                "add-br", bridge,
                "--", "set", "bridge", bridge, "datapath_type=netdev", "protocols=OpenFlow11",
                "--", "set-controller", bridge, $"tcp:127.0.0.1:{LabPaths.Port(6653)}");
            Assert.True(add.ExitCode == 0, "ovs-vsctl add-br failed:\n" + add.Output);

            // OVS retries with back-off (1 s, 2 s, 4 s...). Sample for ~5 s; it must not end up connected.
            var samples = new List<string>();
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(5))
            {
                var s = await Vsctl("get", "controller", bridge, "is_connected");
                samples.Add($"{sw.Elapsed.TotalSeconds:0.0}s:{s.Output.Trim().Split('\n').Last()}");
                await Task.Delay(250);
            }

            var final = (await Vsctl("get", "controller", bridge, "is_connected")).Output.Trim().Split('\n').Last();
            var status = (await Vsctl("get", "controller", bridge, "status")).Output.Trim().Split('\n').Last();
            var sawHelloFailed = await controller.WaitForLogAsync("HELLO_FAILED", TimeSpan.FromSeconds(5));
            var detail = $"is_connected samples: {string.Join(' ', samples)}\nfinal is_connected={final} status={status}\n" +
                         $"controller log {controller.LogPath}:\n{controller.LogTail(60)}";
            output.WriteLine(detail);

            Assert.True(final == "false", "An OpenFlow 1.1-only bridge must not stay connected to a 1.0/1.3 controller.\n" + detail);
            Assert.DoesNotContain("state=ACTIVE", status, StringComparison.Ordinal);
            Assert.True(sawHelloFailed, "The controller log should contain HELLO_FAILED for the 1.1-only switch.\n" + detail);
        }
        finally
        {
            await Vsctl("--if-exists", "del-br", bridge);
        }
    }

    [Fact]
    public async Task ControllerRestart_NetworkRecovers_PingAllNoLoss()
    {
        var signalDir = Path.Combine(LabPaths.LogDir, $"restart-{LabPaths.Stamp()}");
        Directory.CreateDirectory(signalDir);
        ControllerProcess? second = null;
        var first = await StartControllerAsync("restart-first");
        try
        {
            using var run = MininetRun.Start(
                Driver,
                ["--topo", "linear,3", "--port", LabPaths.Port(6653).ToString(System.Globalization.CultureInfo.InvariantCulture), "--restart-dir", signalDir, "--signal-timeout", "60", "--dump-flows", "s1"],
                TimeSpan.FromSeconds(180),
                "restart");

            var round1 = await run.WaitForFileAsync(Path.Combine(signalDir, "round1.done"), TimeSpan.FromSeconds(60));
            Assert.True(round1, "Round 1 (pingall before the restart) did not finish.\n" + first.LogTail() + "\n" + run.OutputSoFar);

            first.Dispose();
            output.WriteLine($"first controller killed; log {first.LogPath}");
            await File.WriteAllTextAsync(Path.Combine(signalDir, "controller.stopped"), "stopped\n");

            // The script waits for the switches to notice, then deletes every flow: round 2 can only pass if the
            // new controller sets the switches up again.
            var cleared = await run.WaitForFileAsync(Path.Combine(signalDir, "flows.cleared"), TimeSpan.FromSeconds(40));
            Assert.True(cleared, "The driver did not report the switches disconnected and their flows cleared.\n" + run.OutputSoFar);

            second = await StartControllerAsync("restart-second");
            await File.WriteAllTextAsync(Path.Combine(signalDir, "controller.started"), "started\n");

            var result = await run.Completion;
            AssertAllRoundsClean(result, second, expectedRounds: 2);
        }
        finally
        {
            first.Dispose();
            second?.Dispose();
        }
    }

    private async Task<ControllerProcess> StartControllerAsync(string name)
    {
        _ = lab;
        var controller = await ControllerProcess.StartAsync(name, ControllerProcess.DefaultEndpoints, ["L2Learning"]);
        output.WriteLine($"controller pid {controller.Pid}, log {controller.LogPath}");
        return controller;
    }

    private async Task<MininetResult> RunDriverAsync(ControllerProcess controller, string topo, int port, params string[] extra)
    {
        var actual = LabPaths.Port(port);
        string[] args = ["--topo", topo, "--port", actual.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra];
        var result = await MininetRun.RunAsync(Driver, args, TimeSpan.FromSeconds(120), $"{topo}-{actual}");
        output.WriteLine($"driver: exit={result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s, log {result.LogPath}");
        foreach (var r in result.Rounds)
        {
            output.WriteLine($"  round {Prop(r, "round")}: connected={Prop(r, "connected")} ({Prop(r, "connect_seconds")} s) " +
                             $"flows_ready={Prop(r, "flows_ready")} loss={Prop(r, "loss")}%");
        }

        Assert.False(controller.HasExited, "The controller exited during the run.\n" + Context(result, controller));
        return result;
    }

    private static void AssertAllRoundsClean(MininetResult run, ControllerProcess controller, int expectedRounds)
    {
        var context = Context(run, controller);
        Assert.False(run.TimedOut, "The Mininet driver timed out.\n" + context);
        Assert.True(run.Final is not null, "The Mininet driver printed no final RESULT line.\n" + context);
        Assert.Equal(expectedRounds, run.Rounds.Count);
        foreach (var r in run.Rounds)
        {
            Assert.True(r.GetProperty("connected").GetBoolean(),
                $"Round {Prop(r, "round")}: switches did not connect to the controller: {Prop(r, "not_connected")}.\n" + context);
            Assert.True(r.GetProperty("loss").ValueKind == JsonValueKind.Number && r.GetProperty("loss").GetDouble() == 0.0,
                $"Round {Prop(r, "round")}: pingall lost {Prop(r, "loss")}% of the pings (expected 0%).\n" + context);
        }

        Assert.True(run.ExitCode == 0, "The Mininet driver failed.\n" + context);
    }

    private static List<string> FlowsOf(JsonElement round, string sw) =>
        round.TryGetProperty("flows", out var f) && f.TryGetProperty(sw, out var list)
            ? list.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
            : [];

    private static string Prop(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ToString() : "?";

    private static string Context(MininetResult run, ControllerProcess controller) =>
        $"--- driver ---\n{run.Describe()}\n--- controller log {controller.LogPath} (tail) ---\n{controller.LogTail(60)}";

    private static Task<ShellResult> Vsctl(params string[] args) =>
        Shell.RunAsync("ovs-vsctl", ["--timeout=10", .. args], TimeSpan.FromSeconds(20));
}
