using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Sdn.Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sdn.Lab.Tests;

/// <summary>
/// Issue 6, the Flows service on real OVS, called by Debian's python3-grpcio (<c>scripts/policy_client.py</c>): on
/// <c>flows_line</c> (<c>scripts/flows_run.py</c>: xs1-xs2, hosts xh1 and xh3 on xs1, xh2 on xs2; own names and
/// addresses; L2Learning) ListFlows shows what
/// <c>ovs-ofctl -O OpenFlow13 dump-flows</c> shows; GetPortStats counters grow with a ping; an expert drop flow
/// xh1 → xh2 added with AddFlow stops that ping only, and DeleteFlow restores it; bad input gets its status.
/// </summary>
[Collection("lab")]
public sealed partial class FlowsLabTests(LabEnvironment lab, ITestOutputHelper output)
{
    private const string Driver = "flows_run.py";
    private const string Xs1 = "0000000000f80101";
    private const int DropPriority = 100;
    private const ulong ExpertCookie = (0x21UL << 56) | 0x4242; // the expert-flows id 0x21 in the top byte

    [Fact]
    public async Task ListFlows_MatchesDumpFlows_PortStatsGrow_ExpertDropFlowStopsOnePairUntilDeleted_BadInputStatuses()
    {
        _ = lab;
        var clock = Stopwatch.StartNew();
        await using var controller = await ControllerProcess.StartAsync("flows-lab",
            [$"127.0.0.1:{LabPaths.Port(6653).ToString(CultureInfo.InvariantCulture)}"], ["L2Learning"]);
        using var net = await PolicyLab.StartAsync(LabPaths.Port(6653), "flows-lab", Driver);
        await WarmUpAsync(net, controller);

        // 1. ListFlows == dump-flows (count, and table + cookie + priority of every entry: table-miss and learned flows).
        var (listed, dumped) = await SameFlowsAsync(net, controller);
        Assert.Contains(listed, f => f.Priority == 0 && f.Actions.Contains("controller", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(listed, f => f.Priority == 1 && f.Cookie >> 56 == 0x10); // L2Learning's cookie id
        output.WriteLine($"ListFlows xs1: {listed.Count} entries, the same cookies and priorities as dump-flows:\n{string.Join('\n', dumped)}");

        // 2. Port counters grow after a ping (xh1 is on xs1 port 1, the switch link is xs1 port 3).
        var before = await PortStatsAsync(controller);
        Assert.True(await net.PingAsync("xh1", "xh2", 5) > 0, "xh1 → xh2 does not ping.\n" + Context(net, controller));
        var after = await PortStatsAsync(controller);
        Assert.True(after[1].Rx >= before[1].Rx + 5, $"port 1 rx_packets {before[1].Rx} → {after[1].Rx} after 5 pings");
        Assert.True(after[3].Tx >= before[3].Tx + 5, $"port 3 tx_packets {before[3].Tx} → {after[3].Tx} after 5 pings");
        output.WriteLine($"port stats: port 1 rx {before[1].Rx} → {after[1].Rx}, port 3 tx {before[3].Tx} → {after[3].Tx}");

        // 3. An expert drop flow xh1 → xh2 on xs1 stops that ping only; DeleteFlow restores it.
        var added = await PolicyLab.GrpcAsync(controller.GrpcAddress, "add-flow", Xs1, DropPriority.ToString(CultureInfo.InvariantCulture), Mac(1), Mac(2), "0x4242");
        Assert.True(added.GetProperty("code").GetString() == "OK", $"AddFlow: {added}\n{Context(net, controller)}");
        Assert.Equal(ExpertCookie, added.GetProperty("cookie").GetUInt64());
        var withDrop = await ListFlowsAsync(controller);
        Assert.Contains(withDrop, f => f.Cookie == ExpertCookie && f.Priority == DropPriority && f.Actions == "drop");
        Assert.Contains((await net.DumpFlowsAsync())["xs1"], l => l.Contains("cookie=0x2100000000004242", StringComparison.Ordinal) && l.EndsWith("actions=drop", StringComparison.Ordinal));
        Assert.Equal(0, await net.PingAsync("xh1", "xh2", 3));
        Assert.True(await net.PingAsync("xh3", "xh2", 3) > 0, "xh3 → xh2 stopped too: the drop flow is too wide.\n" + Context(net, controller));
        var deleted = await PolicyLab.GrpcAsync(controller.GrpcAddress, "delete-flow", Xs1, DropPriority.ToString(CultureInfo.InvariantCulture), Mac(1), Mac(2));
        Assert.True(deleted.GetProperty("code").GetString() == "OK", $"DeleteFlow: {deleted}");
        Assert.DoesNotContain(await ListFlowsAsync(controller), f => f.Cookie == ExpertCookie);
        Assert.True(await net.PingAsync("xh1", "xh2", 3) > 0, "xh1 → xh2 still fails after DeleteFlow.\n" + Context(net, controller));
        output.WriteLine("expert drop flow: xh1 → xh2 0/3 while installed (xh3 → xh2 answered), answers again after DeleteFlow");

        // 4. Bad input: the documented statuses, nothing installed.
        await ExpectAsync(controller, "NOT_FOUND", "flows", "00000000000000ee");
        await ExpectAsync(controller, "NOT_FOUND", "port-stats", "00000000000000ee");
        await ExpectAsync(controller, "INVALID_ARGUMENT", "flows", "not-a-dpid");
        await ExpectAsync(controller, "INVALID_ARGUMENT", "add-flow", Xs1, "100", "nope", Mac(2), "1");
        await ExpectAsync(controller, "INVALID_ARGUMENT", "add-flow", Xs1, "65535", Mac(1), Mac(2), "1");
        await ExpectAsync(controller, "NOT_FOUND", "add-flow", "00000000000000ee", "100", Mac(1), Mac(2), "1");
        Assert.Equal(listed.Count, (await ListFlowsAsync(controller)).Count);
        output.WriteLine($"bad input answered; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Mac(int host) => $"00:00:00:00:f8:{host:x2}";

    /// <summary>Pings xh1, xh3 → xh2 and back until each answers (L2Learning learns and installs), bounded.</summary>
    private async Task WarmUpAsync(PolicyLab net, ControllerProcess controller)
    {
        for (var round = 1; round <= 4; round++)
        {
            var pairs = await net.PingPairsAsync(2);
            if (pairs.Values.All(v => v > 0))
            {
                output.WriteLine($"warm-up: every pair answered in round {round}");
                return;
            }
        }

        Assert.Fail("warm-up: some pairs never answered.\n" + Context(net, controller));
    }

    /// <summary>ListFlows and dump-flows of xs1 agree (a few tries: a packet-in between the two reads may add a flow).</summary>
    private async Task<(List<Flow> Listed, List<string> Dumped)> SameFlowsAsync(PolicyLab net, ControllerProcess controller)
    {
        string diff = "";
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var listed = await ListFlowsAsync(controller);
            var dumped = (await net.DumpFlowsAsync())["xs1"];
            var fromGrpc = listed.Select(f => (f.Table, f.Cookie, f.Priority)).Order().ToList();
            var fromOvs = dumped.Select(ParseDumped).Order().ToList();
            if (fromGrpc.SequenceEqual(fromOvs))
            {
                return (listed, dumped);
            }

            diff = $"ListFlows {string.Join(", ", fromGrpc.Select(Show))}\ndump-flows {string.Join(", ", fromOvs.Select(Show))}\n{string.Join('\n', dumped)}";
            await Task.Delay(500);
        }

        Assert.Fail("ListFlows and dump-flows disagree on xs1:\n" + diff + "\n" + Context(net, controller));
        return default;
    }

    private static string Show((uint Table, ulong Cookie, uint Priority) f) => $"table {f.Table} 0x{f.Cookie:x}/{f.Priority}";

    [GeneratedRegex(@"cookie=0x([0-9a-f]+)")]
    private static partial Regex CookieField();

    [GeneratedRegex(@"priority=(\d+)")]
    private static partial Regex PriorityField();

    [GeneratedRegex(@"table=(\d+)")]
    private static partial Regex TableField();

    /// <summary>Table, cookie and priority of a dump-flows line (ovs-ofctl leaves out the default priority, 32768).</summary>
    private static (uint Table, ulong Cookie, uint Priority) ParseDumped(string line) => (
        TableField().Match(line) is { Success: true } t ? uint.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
        CookieField().Match(line) is { Success: true } c ? ulong.Parse(c.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 0,
        PriorityField().Match(line) is { Success: true } p ? uint.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) : 32768);

    private static async Task<List<Flow>> ListFlowsAsync(ControllerProcess controller)
    {
        var reply = await PolicyLab.GrpcAsync(controller.GrpcAddress, "flows", Xs1);
        Assert.True(reply.GetProperty("code").GetString() == "OK", $"ListFlows: {reply}");
        return reply.GetProperty("flows").EnumerateArray().Select(f => new Flow(
            f.GetProperty("table_id").GetUInt32(), f.GetProperty("cookie").GetUInt64(), f.GetProperty("priority").GetUInt32(), f.GetProperty("actions").GetString()!)).ToList();
    }

    private static async Task<Dictionary<uint, (ulong Rx, ulong Tx)>> PortStatsAsync(ControllerProcess controller)
    {
        var reply = await PolicyLab.GrpcAsync(controller.GrpcAddress, "port-stats", Xs1);
        Assert.True(reply.GetProperty("code").GetString() == "OK", $"GetPortStats: {reply}");
        return reply.GetProperty("ports").EnumerateArray().ToDictionary(
            p => p.GetProperty("port").GetUInt32(), p => (p.GetProperty("rx_packets").GetUInt64(), p.GetProperty("tx_packets").GetUInt64()));
    }

    private async Task ExpectAsync(ControllerProcess controller, string code, params string[] args)
    {
        var reply = await PolicyLab.GrpcAsync(controller.GrpcAddress, args);
        Assert.True(reply.GetProperty("code").GetString() == code, $"{string.Join(' ', args)}: expected {code}, got {reply}");
        output.WriteLine($"{string.Join(' ', args)} → {code}: {reply.GetProperty("details").GetString()}");
    }

    private static string Context(PolicyLab net, ControllerProcess controller) =>
        $"--- driver log {net.Run.LogPath} ---\n--- controller log {controller.LogPath} (tail) ---\n{controller.LogTail(40)}";

    private sealed record Flow(uint Table, ulong Cookie, uint Priority, string Actions);
}
