using Sdn.Controller.Cli;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary>sdnctl against the running controller: tables, policy files (JSON, YAML), exit codes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sdnctl-tests-").FullName;

    private static async Task<(int Exit, string Out, string Err)> Run(string server, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var exit = await Commands.RunAsync(["--server", server, .. args], o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Commands_print_tables_apply_policies_from_json_and_yaml_and_return_exit_codes()
    {
        var port = TestController.FreePort();
        await using var controller = await TestController.StartAsync(["--Topology:Enabled=true", $"--Northbound:GrpcEndpoint=127.0.0.1:{port}"]);
        var sw = await controller.ConnectReadyAsync(5);
        var server = $"127.0.0.1:{port}";

        var switches = await Run(server, "switches");
        Assert.Equal(0, switches.Exit);
        Assert.StartsWith("DPID", switches.Out);
        Assert.Contains("0000000000000005  1.3", switches.Out);
        Assert.Contains("3/3", switches.Out);

        var json = Path.Combine(_dir, "deny.json");
        File.WriteAllText(json, """{"id": "deny-h1-h2", "acl": [{"action": "DENY", "priority": 10, "match": {"ethSrc": "00:00:00:00:00:01", "ethDst": "00:00:00:00:00:02"}}]}""");
        var dry = await Run(server, "policy", "apply", json, "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Contains("dry run", dry.Out);
        var applied = await Run(server, "policy", "apply", json);
        Assert.Equal(0, applied.Exit);
        Assert.Contains("confirmed by 1 switch", applied.Out);
        await sw.WaitForAsync<FlowMod>(f => f.Priority == 1010, fromStart: true);

        var yaml = Path.Combine(_dir, "web.yaml");
        File.WriteAllText(yaml, "id: no-web\nacl:\n  - action: DENY\n    priority: 20\n    match:\n      ipv4_dst: 10.0.0.0/24\n      ip_proto: 6\n      tp_dst: 80\n");
        Assert.Equal(0, (await Run(server, "policy", "apply", yaml)).Exit);
        var list = await Run(server, "policy", "list");
        Assert.Contains("deny-h1-h2", list.Out);
        Assert.Contains("no-web", list.Out);

        File.WriteAllText(json, """{"id": "bad", "acl": [{"action": "DENY", "priority": 10, "match": {"tpDst": 80}}]}""");
        var invalid = await Run(server, "policy", "apply", json);
        Assert.Equal(ExitCodes.InvalidArgument, invalid.Exit);
        Assert.Contains("ip_proto", invalid.Err);
        Assert.Equal(ExitCodes.NotFound, (await Run(server, "policy", "delete", "nope")).Exit);
        Assert.Equal(0, (await Run(server, "policy", "delete", "no-web")).Exit);
        Assert.Equal(ExitCodes.InvalidArgument, (await Run(server, "path", "xx", "00:00:00:00:00:01")).Exit);
        Assert.Equal(ExitCodes.Usage, (await Run(server, "policy", "apply", Path.Combine(_dir, "missing.json"))).Exit);
        Assert.Equal(ExitCodes.Usage, (await Run(server, "frobnicate")).Exit);
        Assert.Equal(0, (await Run(server, "health")).Exit);
    }

    [Fact]
    public async Task Policy_files_accept_allow_and_the_dry_run_shows_tables_and_goto()
    {
        var yaml = Path.Combine(_dir, "ssh.yaml");
        File.WriteAllText(yaml,
            "id: ssh-exception\nacl:\n  - action: DENY\n    priority: 10\n    match:\n      ipv4_src: 10.0.0.0/24\n      ipv4_dst: 10.0.0.2\n" +
            "  - action: ALLOW\n    priority: 20\n    match:\n      ipv4_dst: 10.0.0.2\n      ip_proto: 6\n      tp_dst: 22\n");
        var json = Path.Combine(_dir, "ssh.json");
        File.WriteAllText(json, """{"id": "icmp", "acl": [{"action": "ALLOW", "priority": 30, "match": {"ipProto": 1}}]}""");
        var fromYaml = PolicyFile.Read(yaml);
        Assert.Equal([Sdn.Controller.Northbound.V1.AclAction.Deny, Sdn.Controller.Northbound.V1.AclAction.Allow], fromYaml.Acl.Select(r => r.Action));
        Assert.Equal(Sdn.Controller.Northbound.V1.AclAction.Allow, Assert.Single(PolicyFile.Read(json).Acl).Action);

        var port = TestController.FreePort();
        await using var controller = await TestController.StartAsync([$"--Northbound:GrpcEndpoint=127.0.0.1:{port}"]);
        var sw = await controller.ConnectReadyAsync(6);
        var server = $"127.0.0.1:{port}";
        var dry = await Run(server, "policy", "apply", yaml, "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Contains("add dpid=0000000000000006 table=0 priority=1010 eth_type=0x0800,ipv4_src=10.0.0.0/24,ipv4_dst=10.0.0.2 actions=drop", dry.Out);
        Assert.Contains("add dpid=0000000000000006 table=0 priority=1020 eth_type=0x0800,ip_proto=6,ipv4_dst=10.0.0.2,tp_dst=22 actions=goto_table:1", dry.Out);
        var applied = await Run(server, "policy", "apply", yaml);
        Assert.Equal(0, applied.Exit);
        Assert.Contains("confirmed by 1 switch", applied.Out);
        var allow = await sw.WaitForAsync<FlowMod>(f => f.Priority == 1020, fromStart: true);
        Assert.Equal(new Sdn.OpenFlow.Instructions.GotoTableInstruction(1), Assert.Single(allow.Instructions));
        Assert.Equal(0, (await Run(server, "policy", "apply", json)).Exit);
    }

    [Fact]
    public async Task An_unreachable_controller_is_exit_code_3()
    {
        var (exit, _, err) = await Run($"127.0.0.1:{TestController.FreePort()}", "switches");
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("Unavailable", err);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
