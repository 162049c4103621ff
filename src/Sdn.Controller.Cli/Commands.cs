using System.Net.Sockets;
using Google.Protobuf;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Cli;

/// <summary>
/// <c>sdnctl [--server HOST:PORT] COMMAND</c> (server default 127.0.0.1:50051, or $SDNCTL_SERVER):
/// <c>switches</c>, <c>links</c>, <c>hosts</c>, <c>path SRC_MAC DST_MAC</c>, <c>flows DPID</c>, <c>policy list</c>,
/// <c>policy apply FILE [--dry-run]</c>, <c>policy delete ID</c>, <c>watch [KIND...]</c>, <c>health</c>.
/// Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class Commands
{
    private const string Usage = """
        usage: sdnctl [--server HOST:PORT] COMMAND
          switches                      connected switches
          links                         directed links (LLDP)
          hosts                         learned hosts
          path SRC_MAC DST_MAC          the path frames take between two hosts
          flows DPID                    the switch's flow table, read live
          policy list                   stored policies
          policy apply FILE [--dry-run] apply a policy from a JSON or YAML file
          policy delete ID              delete a policy
          watch [KIND...]               stream events (e.g. LINK_DOWN PATH_REROUTED) until Ctrl-C
          health                        grpc.health.v1 status
        exit codes: 0 ok, 1 error, 2 usage, 3 unavailable, 4 not found, 5 invalid argument
        """;

    /// <summary>Runs one command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var server = Environment.GetEnvironmentVariable("SDNCTL_SERVER") ?? "127.0.0.1:50051";
        var at = list.IndexOf("--server");
        if (at >= 0)
        {
            if (at + 1 >= list.Count)
            {
                stderr.WriteLine(Usage);
                return ExitCodes.Usage;
            }

            server = list[at + 1];
            list.RemoveRange(at, 2);
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://{server}"), Timeout = Timeout.InfiniteTimeSpan };
        var client = new GrpcClient(http);
        try
        {
            return list switch
            {
                ["switches"] => await Switches(client, stdout),
                ["links"] => await Links(client, stdout),
                ["hosts"] => await Hosts(client, stdout),
                ["path", var src, var dst] => await Path(client, stdout, src, dst),
                ["flows", var dpid] => await FlowTable(client, stdout, dpid),
                ["policy", "list"] => await PolicyList(client, stdout),
                ["policy", "apply", var file, .. var rest] when rest is [] or ["--dry-run"] => await PolicyApply(client, stdout, file, rest.Count == 1),
                ["policy", "delete", var id] => await PolicyDelete(client, stdout, id),
                ["watch", .. var kinds] => await Watch(client, stdout, stderr, kinds, cancellationToken),
                ["health"] => await Health(client, stdout),
                _ => UsageError(stderr),
            };
        }
        catch (RpcException ex)
        {
            stderr.WriteLine($"error: {ex.StatusCode}: {ex.Status.Detail}");
            return ExitCodes.For(ex.StatusCode);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            stderr.WriteLine($"error: cannot reach the controller at {server}: {ex.Message}");
            return ExitCodes.Unavailable;
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    private static int UsageError(TextWriter stderr)
    {
        stderr.WriteLine(Usage);
        return ExitCodes.Usage;
    }

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(15);

    private static Task<T> Call<T>(GrpcClient client, string method, IMessage request, MessageParser<T> parser)
        where T : IMessage<T> => client.UnaryAsync(method, request, parser, Deadline);

    private static async Task<int> Switches(GrpcClient client, TextWriter o)
    {
        var r = await Call(client, "/sdn.controller.v1.Topology/ListSwitches", new ListSwitchesRequest(), ListSwitchesResponse.Parser);
        Table.Write(o, ["DPID", "VERSION", "ADDRESS", "PORTS UP", "CONNECTED SINCE"], r.Switches.Select(s => (IReadOnlyList<string>)
            [s.Dpid, s.OpenflowVersion, s.RemoteAddress, $"{s.Ports.Count(p => p.Up)}/{s.Ports.Count}", s.ConnectedSince.ToDateTime().ToString("u")]));
        return ExitCodes.Ok;
    }

    private static async Task<int> Links(GrpcClient client, TextWriter o)
    {
        var r = await Call(client, "/sdn.controller.v1.Topology/ListLinks", new ListLinksRequest(), ListLinksResponse.Parser);
        Table.Write(o, ["SRC DPID", "SRC PORT", "DST DPID", "DST PORT"], r.Links.Select(l => (IReadOnlyList<string>)
            [l.Src.Dpid, l.Src.Port.ToString(), l.Dst.Dpid, l.Dst.Port.ToString()]));
        return ExitCodes.Ok;
    }

    private static async Task<int> Hosts(GrpcClient client, TextWriter o)
    {
        var r = await Call(client, "/sdn.controller.v1.Topology/ListHosts", new ListHostsRequest(), ListHostsResponse.Parser);
        Table.Write(o, ["MAC", "VLAN", "DPID", "PORT", "IPV4", "IPV6"], r.Hosts.Select(h => (IReadOnlyList<string>)
            [h.Mac, h.Vlan == 0 ? "-" : h.Vlan.ToString(), h.Location.Dpid, h.Location.Port.ToString(), string.Join(",", h.Ipv4), string.Join(",", h.Ipv6)]));
        return ExitCodes.Ok;
    }

    private static async Task<int> Path(GrpcClient client, TextWriter o, string src, string dst)
    {
        var r = await Call(client, "/sdn.controller.v1.Topology/GetPath", new GetPathRequest { SrcMac = src, DstMac = dst }, GetPathResponse.Parser);
        o.WriteLine(r.Installed ? $"installed path (cookie 0x{r.Cookie:x16}):" : "computed path (no flows installed yet):");
        Table.Write(o, ["DPID", "IN PORT", "OUT PORT"], r.Hops.Select(h => (IReadOnlyList<string>)[h.Dpid, h.InPort.ToString(), h.OutPort.ToString()]));
        return ExitCodes.Ok;
    }

    private static async Task<int> FlowTable(GrpcClient client, TextWriter o, string dpid)
    {
        var r = await Call(client, "/sdn.controller.v1.Flows/ListFlows", new ListFlowsRequest { Dpid = dpid }, ListFlowsResponse.Parser);
        Table.Write(o, ["TABLE", "PRIORITY", "COOKIE", "PACKETS", "MATCH", "ACTIONS"], r.Flows.Select(f => (IReadOnlyList<string>)
            [f.TableId.ToString(), f.Priority.ToString(), $"0x{f.Cookie:x16}", f.PacketCount.ToString(), f.Match.Length == 0 ? "*" : f.Match, f.Actions]));
        return ExitCodes.Ok;
    }

    private static async Task<int> PolicyList(GrpcClient client, TextWriter o)
    {
        var r = await Call(client, "/sdn.controller.v1.Policies/ListPolicies", new ListPoliciesRequest(), ListPoliciesResponse.Parser);
        Table.Write(o, ["ID", "RULES", "INTENTS", "APPLIED AT", "DESCRIPTION"], r.Policies.Select(p => (IReadOnlyList<string>)
            [p.Id, p.Acl.Count.ToString(), p.Intents.Count.ToString(), p.AppliedAt?.ToDateTime().ToString("u") ?? "", p.Description]));
        return ExitCodes.Ok;
    }

    private static async Task<int> PolicyApply(GrpcClient client, TextWriter o, string file, bool dryRun)
    {
        var policy = PolicyFile.Read(file);
        var r = await Call(client, "/sdn.controller.v1.Policies/ApplyPolicy", new ApplyPolicyRequest { Policy = policy, DryRun = dryRun }, ApplyPolicyResponse.Parser);
        foreach (var change in r.FlowChanges)
        {
            o.WriteLine(change);
        }

        PathChangeText.Write(o, r.PathChanges);
        o.WriteLine(dryRun ? $"dry run: policy {policy.Id} not applied" : $"policy {policy.Id} applied; confirmed by {r.ConfirmedDpids.Count} switch(es)");
        return ExitCodes.Ok;
    }

    private static async Task<int> PolicyDelete(GrpcClient client, TextWriter o, string id)
    {
        var r = await Call(client, "/sdn.controller.v1.Policies/DeletePolicy", new DeletePolicyRequest { Id = id }, DeletePolicyResponse.Parser);
        PathChangeText.Write(o, r.PathChanges);
        o.WriteLine($"policy {id} deleted ({r.FlowChanges.Count} flow change(s))");
        return ExitCodes.Ok;
    }

    private static async Task<int> Watch(GrpcClient client, TextWriter o, TextWriter e, List<string> kinds, CancellationToken cancellationToken)
    {
        var request = new WatchEventsRequest();
        foreach (var k in kinds)
        {
            if (!Enum.TryParse<EventKind>(k.Replace("_", ""), ignoreCase: true, out var kind) || kind == EventKind.Unspecified)
            {
                e.WriteLine($"error: unknown event kind '{k}' (e.g. LINK_DOWN, PATH_REROUTED)");
                return ExitCodes.Usage;
            }

            request.Kinds.Add(kind);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, a) =>
        {
            a.Cancel = true;
            cts.Cancel();
        };
        try
        {
            await foreach (var evt in client.ServerStreamingAsync("/sdn.controller.v1.Events/WatchEvents", request, Event.Parser, null, cts.Token))
            {
                o.WriteLine($"{evt.Time.ToDateTime():HH:mm:ss.fff} {evt.Kind,-16} {evt.Description}");
                o.Flush();
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cts.IsCancellationRequested)
        {
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> Health(GrpcClient client, TextWriter o)
    {
        var r = await Call(client, "/grpc.health.v1.Health/Check", new global::Grpc.Health.V1.HealthCheckRequest(), global::Grpc.Health.V1.HealthCheckResponse.Parser);
        o.WriteLine(r.Status);
        return r.Status == global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Ok : ExitCodes.Unavailable;
    }
}
