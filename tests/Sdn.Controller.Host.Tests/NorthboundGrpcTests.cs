using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Events;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;
using Sdn.OpenFlow.Messages;
using ReflectionV1 = Grpc.Reflection.V1;

namespace Sdn.Controller.Host.Tests;

/// <summary>The sdn.controller.v1 gRPC API end to end: our HttpClient-based client against the running controller.</summary>
public sealed class NorthboundGrpcTests
{
    private static async Task<(TestController Controller, GrpcClient Client)> StartAsync(params string[] extra)
    {
        var port = TestController.FreePort();
        var controller = await TestController.StartAsync(["--Topology:Enabled=true", $"--Northbound:GrpcEndpoint=127.0.0.1:{port}", "--Controller:Apps:0=ShortestPath", .. extra]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        return (controller, new GrpcClient(http));
    }

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(10);

    [Fact]
    public async Task Topology_reads_decode_and_bad_requests_get_precise_statuses()
    {
        var (controller, client) = await StartAsync();
        await using var _ = controller;
        using var __ = client.Http;
        await controller.ConnectReadyAsync(0x2a);

        var switches = await client.UnaryAsync("/sdn.controller.v1.Topology/ListSwitches", new ListSwitchesRequest(), ListSwitchesResponse.Parser, Deadline);
        var sw = Assert.Single(switches.Switches);
        Assert.Equal("000000000000002a", sw.Dpid);
        Assert.Equal("1.3", sw.OpenflowVersion);
        Assert.Equal("READY", sw.HandshakeState);
        Assert.StartsWith("127.0.0.1:", sw.RemoteAddress);
        Assert.Equal([1u, 2u, 3u], sw.Ports.Select(p => p.Number));

        var one = await client.UnaryAsync("/sdn.controller.v1.Topology/GetSwitch", new GetSwitchRequest { Dpid = "42" }, Switch.Parser, Deadline);
        Assert.Equal("000000000000002a", one.Dpid);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Topology/GetSwitch", new GetSwitchRequest { Dpid = "0000000000000099" }, Switch.Parser, Deadline));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("0000000000000099 is not connected", missing.Status.Detail);
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Topology/GetSwitch", new GetSwitchRequest { Dpid = "xyz" }, Switch.Parser, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var badMac = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Topology/GetPath", new GetPathRequest { SrcMac = "nope", DstMac = "00:00:00:00:00:01" }, GetPathResponse.Parser, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, badMac.StatusCode);
        Assert.Contains("src_mac", badMac.Status.Detail);
        var unimplemented = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Topology/Nope", new ListLinksRequest(), ListLinksResponse.Parser, Deadline));
        Assert.Equal(StatusCode.Unimplemented, unimplemented.StatusCode);
        Assert.Empty((await client.UnaryAsync("/sdn.controller.v1.Topology/ListLinks", new ListLinksRequest(), ListLinksResponse.Parser, Deadline)).Links);
    }

    [Fact]
    public async Task Reflection_lists_the_api_and_describes_its_files_with_imports()
    {
        var (controller, client) = await StartAsync();
        await using var _ = controller;
        using var __ = client.Http;
        using var call = client.DuplexStreaming<ReflectionV1.ServerReflectionRequest, ReflectionV1.ServerReflectionResponse>(
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", ReflectionV1.ServerReflectionResponse.Parser, Deadline);
        await call.WriteAsync(new() { ListServices = "" });
        var list = await call.ReadNextAsync();
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "sdn.controller.v1.Events", "sdn.controller.v1.Flows", "sdn.controller.v1.Policies", "sdn.controller.v1.Topology"],
            list!.ListServicesResponse.Service.Select(s => s.Name));
        await call.WriteAsync(new() { FileContainingSymbol = "sdn.controller.v1.Events.WatchEvents" });
        var files = (await call.ReadNextAsync())!.FileDescriptorResponse.FileDescriptorProto
            .Select(b => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();
        Assert.Equal("sdn/controller/v1/events.proto", files[0]);
        Assert.Contains("google/protobuf/timestamp.proto", files);
        Assert.Contains("sdn/controller/v1/common.proto", files);
        await call.WriteAsync(new() { FileContainingSymbol = "sdn.controller.v1.NoSuch" });
        Assert.Equal((int)StatusCode.NotFound, (await call.ReadNextAsync())!.ErrorResponse.ErrorCode);
        call.CompleteRequests();
        Assert.Null(await call.ReadNextAsync());
    }

    [Fact]
    public async Task Policy_is_validated_installed_confirmed_listed_and_deleted()
    {
        var (controller, client) = await StartAsync();
        await using var _ = controller;
        using var __ = client.Http;
        var sw = await controller.ConnectReadyAsync(1);

        var invalid = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Policies/ApplyPolicy",
            new ApplyPolicyRequest { Policy = new Policy { Id = "p", Acl = { new AclRule { Action = AclAction.Deny, Priority = 5, Match = new AclMatch { Ipv4Src = "10.0.0.1/8" } } } } },
            ApplyPolicyResponse.Parser, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("host bits set", invalid.Status.Detail);

        var policy = new Policy { Id = "h1-h2", Acl = { new AclRule { Action = AclAction.Deny, Priority = 5, Match = new AclMatch { EthSrc = "00:00:00:00:00:01", EthDst = "00:00:00:00:00:02" } } } };
        var applied = await client.UnaryAsync("/sdn.controller.v1.Policies/ApplyPolicy", new ApplyPolicyRequest { Policy = policy }, ApplyPolicyResponse.Parser, Deadline);
        Assert.Equal(["0000000000000001"], applied.ConfirmedDpids);
        var drop = await sw.WaitForAsync<FlowMod>(f => f.Priority == 1005, fromStart: true);
        Assert.Empty(drop.Instructions);
        Assert.Equal(0x20UL, drop.Cookie >> 56);

        var listed = await client.UnaryAsync("/sdn.controller.v1.Policies/ListPolicies", new ListPoliciesRequest(), ListPoliciesResponse.Parser, Deadline);
        Assert.Equal("h1-h2", Assert.Single(listed.Policies).Id);
        await client.UnaryAsync("/sdn.controller.v1.Policies/DeletePolicy", new DeletePolicyRequest { Id = "h1-h2" }, DeletePolicyResponse.Parser, Deadline);
        var gone = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Policies/DeletePolicy", new DeletePolicyRequest { Id = "h1-h2" }, DeletePolicyResponse.Parser, Deadline));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    private static Policy SshException => new()
    {
        Id = "ssh",
        Acl =
        {
            new AclRule { Action = AclAction.Deny, Priority = 10, Match = new AclMatch { Ipv4Src = "10.0.0.0/24", Ipv4Dst = "10.0.0.2" } },
            new AclRule { Action = AclAction.Allow, Priority = 20, Match = new AclMatch { Ipv4Dst = "10.0.0.2", IpProto = 6, TpDst = 22 } },
        },
    };

    [Fact]
    public async Task Allow_exception_is_accepted_and_installed_in_table_0_as_goto_table_1_next_to_the_drop()
    {
        var (controller, client) = await StartAsync();
        await using var _ = controller;
        using var __ = client.Http;
        var sw = await controller.ConnectReadyAsync(1);
        var miss = await sw.WaitForAsync<FlowMod>(f => f.Cookie == 0x2000_0000_0000_0000UL && f.Command == FlowModCommand.Add, fromStart: true);
        Assert.Equal((0, (ushort)0), (miss.TableId, miss.Priority));
        Assert.Equal(new Sdn.OpenFlow.Instructions.GotoTableInstruction(1), Assert.Single(miss.Instructions));
        var lldp = await sw.WaitForAsync<FlowMod>(f => f.Priority == 0xffff, fromStart: true);
        Assert.Equal(0, lldp.TableId); // the LLDP punt stays ahead of the ACL

        var applied = await client.UnaryAsync("/sdn.controller.v1.Policies/ApplyPolicy", new ApplyPolicyRequest { Policy = SshException }, ApplyPolicyResponse.Parser, Deadline);
        Assert.Equal(["0000000000000001"], applied.ConfirmedDpids);
        Assert.Contains(applied.FlowChanges, c => c.StartsWith("add dpid=0000000000000001 table=0 priority=1020 ", StringComparison.Ordinal) && c.Contains("actions=goto_table:1", StringComparison.Ordinal));
        var allow = await sw.WaitForAsync<FlowMod>(f => f.Priority == 1020, fromStart: true);
        Assert.Equal(0, allow.TableId);
        Assert.Equal(new Sdn.OpenFlow.Instructions.GotoTableInstruction(1), Assert.Single(allow.Instructions));
        var deny = await sw.WaitForAsync<FlowMod>(f => f.Priority == 1010, fromStart: true);
        Assert.Equal(0, deny.TableId);
        Assert.Empty(deny.Instructions);
        Assert.Equal(allow.Cookie, deny.Cookie);

        var contradiction = new Policy { Id = "clash", Acl = { new AclRule { Action = AclAction.Allow, Priority = 10, Match = new AclMatch { Ipv4Src = "10.0.0.5" } } } };
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Policies/ApplyPolicy", new ApplyPolicyRequest { Policy = contradiction }, ApplyPolicyResponse.Parser, Deadline));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("overlaps DENY policy 'ssh' acl[0]", refused.Status.Detail);
    }

    [Fact]
    public async Task Allow_is_failed_precondition_naming_the_setting_with_a_single_table()
    {
        var (controller, client) = await StartAsync("--Policies:AclTable=false");
        await using var _ = controller;
        using var __ = client.Http;
        var sw = await controller.ConnectReadyAsync(1);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Policies/ApplyPolicy", new ApplyPolicyRequest { Policy = SshException }, ApplyPolicyResponse.Parser, Deadline));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Policies:AclTable is false", refused.Status.Detail);
        Assert.Empty((await client.UnaryAsync("/sdn.controller.v1.Policies/ListPolicies", new ListPoliciesRequest(), ListPoliciesResponse.Parser, Deadline)).Policies);
        Assert.All(sw.ReceivedOf<FlowMod>(), f => Assert.Equal(0, f.TableId == FlowMod.AllTables ? 0 : f.TableId)); // one table: no goto entry, apps in table 0
        Assert.DoesNotContain(sw.ReceivedOf<FlowMod>(), f => f.Instructions.Items.Any(i => i is Sdn.OpenFlow.Instructions.GotoTableInstruction));
    }

    [Fact]
    public async Task WatchEvents_streams_switch_up_and_ends_cleanly_when_cancelled()
    {
        var (controller, client) = await StartAsync();
        await using var _ = controller;
        using var __ = client.Http;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stream = client.ServerStreamingAsync("/sdn.controller.v1.Events/WatchEvents", new WatchEventsRequest { Kinds = { EventKind.SwitchUp } }, Event.Parser, null, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = stream.MoveNextAsync().AsTask();
        var bus = controller.App.Services.GetRequiredService<EventBus>();
        for (var i = 0; i < 200 && bus.SubscriberCount == 0; i++)
        {
            await Task.Delay(25); // the stream has no past: wait (bounded) until the server subscribed
        }

        Assert.Equal(1, bus.SubscriberCount);
        await controller.ConnectReadyAsync(7);
        Assert.True(await next);
        Assert.Equal(EventKind.SwitchUp, stream.Current.Kind);
        Assert.Equal("0000000000000007", stream.Current.Dpid);
        cts.Cancel();
        var ended = await Assert.ThrowsAsync<RpcException>(async () => await stream.MoveNextAsync());
        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        await stream.DisposeAsync();
        for (var i = 0; i < 200 && bus.SubscriberCount != 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(0, bus.SubscriberCount); // the server side ended too
    }
}
