using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Host.Tests;

/// <summary>The Flows service against an emulated switch: live flow table and counters, expert flows in their own cookie range.</summary>
public sealed class FlowsGrpcTests
{
    [Fact]
    public async Task List_add_delete_and_port_stats_with_precise_errors()
    {
        var port = TestController.FreePort();
        await using var controller = await TestController.StartAsync([$"--Northbound:GrpcEndpoint=127.0.0.1:{port}"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        var client = new GrpcClient(http);
        var sw = await controller.ConnectReadyAsync(9);
        sw.Responder = m => m switch
        {
            FlowStatsRequest r => [new FlowStatsReply([new FlowStats(0, 12, 0, 100, 30, 0, FlowModFlags.None, 0x1200000000000001UL, 5, 490,
                new Match([OxmField.EthDst(new MacAddress(2))]), [new ApplyActionsInstruction([new OutputAction(new PortNumber(2), 0)])])]) { Xid = r.Xid }],
            PortStatsRequest r => [new PortStatsReply([new PortStats(new PortNumber(1)) { RxPackets = 7, TxBytes = 900 }]) { Xid = r.Xid }],
            _ => null,
        };
        var deadline = DateTime.UtcNow.AddSeconds(15);

        var flows = await client.UnaryAsync("/sdn.controller.v1.Flows/ListFlows", new ListFlowsRequest { Dpid = "9" }, ListFlowsResponse.Parser, deadline);
        var flow = Assert.Single(flows.Flows);
        Assert.Equal("output:2", flow.Actions);
        Assert.Contains("00:00:00:00:00:02", flow.Match);
        Assert.Equal(5UL, flow.PacketCount);
        var stats = await client.UnaryAsync("/sdn.controller.v1.Flows/GetPortStats", new GetPortStatsRequest { Dpid = "9" }, GetPortStatsResponse.Parser, deadline);
        Assert.Equal(7UL, Assert.Single(stats.Ports).RxPackets);

        var added = await client.UnaryAsync("/sdn.controller.v1.Flows/AddFlow",
            new AddFlowRequest { Dpid = "9", Priority = 500, Match = new AclMatch { EthDst = "00:00:00:00:00:05" }, OutputPorts = { 3 }, Cookie = 0x42 },
            AddFlowResponse.Parser, deadline);
        Assert.Equal(0x2100_0000_0000_0042UL, added.Cookie);
        var mod = await sw.WaitForAsync<FlowMod>(f => f.Priority == 500, fromStart: true);
        Assert.Equal(0x2100_0000_0000_0042UL, mod.Cookie);
        Assert.Equal(1, mod.TableId); // the forwarding table, behind the ACL stage
        Assert.Equal(new PortNumber(3), Assert.IsType<OutputAction>(Assert.IsType<ApplyActionsInstruction>(Assert.Single(mod.Instructions)).Actions.Single()).Port);

        await client.UnaryAsync("/sdn.controller.v1.Flows/DeleteFlow", new DeleteFlowRequest { Dpid = "9", Cookie = 0x42 }, DeleteFlowResponse.Parser, deadline);
        var del = await sw.WaitForAsync<FlowMod>(f => f.Command == FlowModCommand.Delete && f.Cookie == 0x2100_0000_0000_0042UL, fromStart: true);
        Assert.Equal(ulong.MaxValue, del.CookieMask);

        var badPriority = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Flows/AddFlow",
            new AddFlowRequest { Dpid = "9", Priority = 65535, Match = new AclMatch { EthDst = "00:00:00:00:00:05" } }, AddFlowResponse.Parser, deadline));
        Assert.Equal(StatusCode.InvalidArgument, badPriority.StatusCode);
        var badMatch = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Flows/AddFlow",
            new AddFlowRequest { Dpid = "9", Priority = 5, Match = new AclMatch { TpDst = 80 } }, AddFlowResponse.Parser, deadline));
        Assert.Contains("match.tp_dst", badMatch.Status.Detail);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.controller.v1.Flows/ListFlows", new ListFlowsRequest { Dpid = "77" }, ListFlowsResponse.Parser, deadline));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
