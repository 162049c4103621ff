using Sdn.Controller.Apps;
using Sdn.Controller.Channel;
using Sdn.Controller.Northbound.Flows;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Northbound.Services;

/// <summary><c>sdn.controller.v1.Flows</c>: live flow tables and port counters, and expert flow entries (cookie id 0x21).</summary>
public sealed class FlowsGrpcService(SwitchRegistry registry, ExpertFlowsApp experts)
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "sdn.controller.v1.Flows";

    /// <summary>ListFlows (OFPMP_FLOW, all tables).</summary>
    public async Task<ListFlowsResponse> ListFlows(ListFlowsRequest request, ServerCallContext context)
    {
        var sw = Connected(request.Dpid);
        var reply = await Ask(sw, new FlowStatsRequest(0xff, PortNumber.Any, GroupId.Any, 0, 0, Sdn.OpenFlow.Matching.Match.Any), context);
        var response = new ListFlowsResponse();
        if (reply is FlowStatsReply stats)
        {
            response.Flows.AddRange(stats.Entries.ToArray().Select(f => new FlowEntry
            {
                TableId = f.TableId,
                Priority = f.Priority,
                Cookie = f.Cookie,
                Match = FlowText.Of(f.Match),
                Actions = FlowText.Of(f.Instructions.ToArray()),
                PacketCount = f.PacketCount,
                ByteCount = f.ByteCount,
                DurationSec = f.DurationSec,
                IdleTimeout = f.IdleTimeout,
                HardTimeout = f.HardTimeout,
            }));
        }

        return response;
    }

    /// <summary>GetPortStats (OFPMP_PORT_STATS, all ports).</summary>
    public async Task<GetPortStatsResponse> GetPortStats(GetPortStatsRequest request, ServerCallContext context)
    {
        var sw = Connected(request.Dpid);
        var reply = await Ask(sw, new PortStatsRequest(PortNumber.Any), context);
        var response = new GetPortStatsResponse();
        if (reply is PortStatsReply stats)
        {
            response.Ports.AddRange(stats.Ports.ToArray().OrderBy(p => p.PortNo.Value).Select(p => new PortCounters
            {
                Port = p.PortNo.Value,
                RxPackets = p.RxPackets,
                TxPackets = p.TxPackets,
                RxBytes = p.RxBytes,
                TxBytes = p.TxBytes,
                RxDropped = p.RxDropped,
                TxDropped = p.TxDropped,
                RxErrors = p.RxErrors,
                TxErrors = p.TxErrors,
                DurationSec = p.DurationSec,
            }));
        }

        return response;
    }

    /// <summary>AddFlow: validated, sent with the expert cookie range, barrier-confirmed.</summary>
    public async Task<AddFlowResponse> AddFlow(AddFlowRequest request, ServerCallContext context)
    {
        var dpid = Parse.Dpid(request.Dpid, "dpid");
        if (request.Priority is < 1 or > 65534)
        {
            throw Invalid($"priority: must be 1-65534 (was {request.Priority})");
        }

        if (request.IdleTimeout > ushort.MaxValue || request.HardTimeout > ushort.MaxValue)
        {
            throw Invalid("idle_timeout / hard_timeout: at most 65535 seconds");
        }

        if (request.Cookie > 0x00ff_ffff_ffff_ffffUL)
        {
            throw Invalid($"cookie: only the low 56 bits are yours (was 0x{request.Cookie:x16})");
        }

        var bad = request.OutputPorts.FirstOrDefault(p => p is 0 or > 0xffffff00);
        if (bad != 0 || request.OutputPorts.Contains(0u))
        {
            throw Invalid($"output_ports: {bad} is not a physical port (1-4294967040)");
        }

        var match = MatchOf(request.Match, "match");
        var sw = experts.Switch(dpid) ?? throw new RpcException(new Status(StatusCode.NotFound, $"switch {dpid} is not connected (or speaks no OpenFlow version the API supports)"));
        ValueArray<OfpInstruction> instructions = request.OutputPorts.Count == 0
            ? ValueArray<OfpInstruction>.Empty
            : [new ApplyActionsInstruction([.. request.OutputPorts.Select(p => (OfpAction)new OutputAction(new PortNumber(p), 0))])];
        var cookie = ((ulong)ExpertFlowsApp.CookieId << 56) | request.Cookie;
        sw.Send(new FlowMod(FlowModCommand.Add, match, instructions)
        {
            Cookie = cookie,
            Priority = (ushort)request.Priority,
            IdleTimeout = (ushort)request.IdleTimeout,
            HardTimeout = (ushort)request.HardTimeout,
        });
        await Confirm(sw, context);
        return new AddFlowResponse { Cookie = cookie };
    }

    /// <summary>DeleteFlow: by exact match + priority, or by cookie, within the expert range only.</summary>
    public async Task<DeleteFlowResponse> DeleteFlow(DeleteFlowRequest request, ServerCallContext context)
    {
        var dpid = Parse.Dpid(request.Dpid, "dpid");
        FlowMod delete;
        if (request.Match is not null)
        {
            if (request.Priority is < 1 or > 65534)
            {
                throw Invalid($"priority: must be 1-65534 to delete one entry (was {request.Priority})");
            }

            delete = new FlowMod(FlowModCommand.DeleteStrict, MatchOf(request.Match, "match"), ValueArray<OfpInstruction>.Empty)
            {
                Priority = (ushort)request.Priority,
                Cookie = (ulong)ExpertFlowsApp.CookieId << 56,
                CookieMask = CookieRange.IdMask,
                TableId = 0xff,
            };
        }
        else
        {
            if (request.Cookie > 0x00ff_ffff_ffff_ffffUL)
            {
                throw Invalid($"cookie: only the low 56 bits are yours (was 0x{request.Cookie:x16})");
            }

            delete = CookieRange.DeleteExactly(((ulong)ExpertFlowsApp.CookieId << 56) | request.Cookie);
        }

        var sw = experts.Switch(dpid) ?? throw new RpcException(new Status(StatusCode.NotFound, $"switch {dpid} is not connected"));
        sw.Send(delete);
        await Confirm(sw, context);
        return new DeleteFlowResponse();
    }

    private ISwitch Connected(string dpidText)
    {
        var dpid = Parse.Dpid(dpidText, "dpid");
        return registry.TryGet(dpid, out var sw) ? sw : throw new RpcException(new Status(StatusCode.NotFound, $"switch {dpid} is not connected"));
    }

    private static async Task<OfpMessage> Ask(ISwitch sw, OfpMessage request, ServerCallContext context)
    {
        try
        {
            return await sw.RequestAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or SwitchDisconnectedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"switch {sw.Dpid} did not answer: {ex.Message}"));
        }
        catch (OpenFlowErrorException ex)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"switch {sw.Dpid} refused the request: {ex.Message}"));
        }
    }

    private static async Task Confirm(ISwitch sw, ServerCallContext context)
    {
        try
        {
            await sw.BarrierAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or SwitchDisconnectedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"switch {sw.Dpid} did not confirm: {ex.Message}"));
        }
    }

    private static Sdn.OpenFlow.Matching.Match MatchOf(AclMatch match, string at)
    {
        try
        {
            return PolicyValidator.MatchOf(match, at).Match;
        }
        catch (PolicyValidationException ex)
        {
            throw Invalid(ex.Message);
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
