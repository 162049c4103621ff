using Sdn.Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sdn.Lab.Tests;

/// <summary>
/// The literal acceptance commands: Mininet's own CLI, <c>mn … --test pingall</c>, with the controller given as
/// the lab guide says (our <c>plainremote</c> controller class: a plain TCP probe instead of telnet).
/// </summary>
[Collection("lab")]
public sealed class MnCliTests(LabEnvironment lab, ITestOutputHelper output)
{
    [Theory]
    [InlineData("tree,depth=2,fanout=2", 6653)]
    [InlineData("linear,3", 6653)]
    [InlineData("tree,depth=2,fanout=2", 6633)]
    [InlineData("linear,3", 6633)]
    public async Task Mn_test_pingall_reports_zero_dropped(string topo, int port)
    {
        _ = lab;
        await using var controller = await ControllerProcess.StartAsync($"mn-cli-{topo.Replace(',', '-').Replace('=', '-')}-{port}", ControllerProcess.DefaultEndpoints, ["L2Learning"]);
        var actual = LabPaths.Port(port);
        var log = Path.Combine(LabPaths.LogDir, $"mn-cli-{LabPaths.Stamp()}.log");
        var result = await Shell.RunAsync(
            "timeout",
            [
                "150", "/usr/bin/python3", "/usr/bin/mn",
                "--custom", Path.Combine(LabPaths.MininetTopologiesDir, "sdn_controller.py"),
                "--controller", $"plainremote,ip=127.0.0.1,port={actual}",
                "--switch", "ovs,datapath=user,protocols=OpenFlow13",
                "--topo", topo,
                "--test", "pingall",
            ],
            TimeSpan.FromSeconds(170),
            log);
        output.WriteLine($"mn exit={result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s, log {log}");

        var context = $"mn output:\n{result.Output}\ncontroller log {controller.LogPath}:\n{controller.LogTail(40)}";
        Assert.False(result.TimedOut, "mn timed out.\n" + context);
        Assert.True(result.ExitCode == 0, $"mn exited with {result.ExitCode}.\n" + context);
        Assert.Contains("Results: 0% dropped", result.Output, StringComparison.Ordinal);
    }
}
