using Sdn.Testing;
using System.Text.Json;
using Sdn.Controller.Host.Tests.Infrastructure;

namespace Sdn.Controller.Host.Tests;

/// <summary>
/// A gRPC client nobody here wrote — Debian's python3-grpcio — calls every RPC of the controller's API
/// (python/northbound_conformance.py). Never skips: without python3-grpcio the test fails (scripts/test.sh installs it).
/// </summary>
public sealed class NorthboundPythonTests
{
    private const string Python = PythonProcess.Python;

    [Fact]
    public async Task Python_grpcio_calls_every_rpc_with_the_right_statuses()
    {
        var port = TestController.FreePort();
        await using var controller = await TestController.StartAsync(["--Topology:Enabled=true", $"--Northbound:GrpcEndpoint=127.0.0.1:{port}"]);
        var sw = await controller.ConnectReadyAsync(0x11);
        var script = Path.Combine(AppContext.BaseDirectory, "python", "northbound_conformance.py");
        Assert.True(File.Exists(Python), $"{Python} not found: install python3-grpcio python3-protobuf (scripts/test.sh does)");
        var (exit, stdout, stderr) = await PythonProcess.RunAsync($"{script} 127.0.0.1:{port} 0000000000000011", TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"python exited {exit}: {stderr}\n{stdout}");
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        string Code(string c) => r.GetProperty(c).GetProperty("code").GetString()!;
        string Details(string c) => r.GetProperty(c).GetProperty("details").GetString()!;

        Assert.Equal("OK", Code("list_switches"));
        Assert.Equal(["0000000000000011"], r.GetProperty("list_switches").GetProperty("dpids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1.3", r.GetProperty("get_switch").GetProperty("openflow_version").GetString());
        Assert.Equal("NOT_FOUND", Code("get_switch_unknown"));
        Assert.Contains("00000000000000ff is not connected", Details("get_switch_unknown"));
        Assert.Equal("INVALID_ARGUMENT", Code("get_switch_malformed"));
        Assert.Contains("'not-a-dpid' is not a datapath id", Details("get_switch_malformed"));
        Assert.Equal("OK", Code("list_links"));
        Assert.Equal("OK", Code("list_hosts"));
        Assert.Equal("NOT_FOUND", Code("get_path_unknown_host"));
        Assert.Equal("NOT_FOUND", Code("list_flows_unknown_switch"));
        Assert.Equal("INVALID_ARGUMENT", Code("add_flow_bad_priority"));
        Assert.Contains("priority: must be 1-65534", Details("add_flow_bad_priority"));
        Assert.Equal("INVALID_ARGUMENT", Code("apply_contradictory"));
        Assert.Contains("contradictory", Details("apply_contradictory"));
        Assert.Equal("OK", Code("apply_allow"));
        Assert.Equal(["0000000000000011"], r.GetProperty("apply_allow").GetProperty("confirmed").EnumerateArray().Select(e => e.GetString()));
        var allowChanges = r.GetProperty("apply_allow").GetProperty("changes").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(allowChanges, c => c.StartsWith("add dpid=0000000000000011 table=0 priority=1020 eth_type=0x0800,ip_proto=6,ipv4_dst=10.0.0.2,tp_dst=22 actions=goto_table:1", StringComparison.Ordinal));
        Assert.Contains(allowChanges, c => c.StartsWith("add dpid=0000000000000011 table=0 priority=1010 eth_type=0x0800,ipv4_src=10.0.0.0/24,ipv4_dst=10.0.0.2 actions=drop", StringComparison.Ordinal));
        Assert.Equal("INVALID_ARGUMENT", Code("apply_allow_contradicting"));
        Assert.Contains("ALLOW overlaps DENY policy 'ssh' acl[0] at the same priority 10", Details("apply_allow_contradicting"));
        Assert.Equal("OK", Code("delete_allow"));
        Assert.Single(r.GetProperty("apply_dry_run").GetProperty("changes").EnumerateArray());
        Assert.Equal(["0000000000000011"], r.GetProperty("apply").GetProperty("confirmed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["h1-h2"], r.GetProperty("list_policies").GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("OK", Code("delete_policy"));
        Assert.Equal("NOT_FOUND", Code("delete_policy_again"));
        Assert.Equal("DEADLINE_EXCEEDED", Code("watch_deadline"));
        Assert.Equal("CANCELLED", Code("watch_cancel"));
        Assert.Contains("policy h1-h2 applied", r.GetProperty("watch_cancel").GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("OK", Code("apply_again"));
        Assert.Equal(1, r.GetProperty("health").GetProperty("status").GetInt32()); // SERVING
        Assert.Equal("UNIMPLEMENTED", Code("unimplemented"));
        Assert.Equal("OK", Code("reflection"));
        var reflection = r.GetProperty("reflection");
        Assert.Contains("sdn.controller.v1.Flows", reflection.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("grpc.reflection.v1.ServerReflection", reflection.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        var files = reflection.GetProperty("files").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("sdn/controller/v1/flows.proto", files[0]);
        Assert.Contains("sdn/controller/v1/policies.proto", files); // flows.proto imports it
        Assert.Equal(5, reflection.GetProperty("unknown_error_code").GetInt32()); // NOT_FOUND
        Assert.False(sw.IsClosed);
    }
}
