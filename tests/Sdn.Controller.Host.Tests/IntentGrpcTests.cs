using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps;
using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Cli;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.Controller.Northbound.V1;
using Sdn.Controller.Topology.Service;
using Sdn.Grpc;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;

namespace Sdn.Controller.Host.Tests;

/// <summary>
/// Path intents end to end over gRPC with our client: a ring of four emulated switches over TCP (switch i's port 1 to
/// switch i+1's port 2, LLDP probes carried across by the test, host i on port 3), ShortestPath, a policy database
/// kept across a restart.
/// </summary>
public sealed class IntentGrpcTests : IDisposable
{
    private static readonly MacAddress H1 = new(1), H2 = new(2);
    private readonly string _db = Path.Combine(Path.GetTempPath(), "sdn-intent-grpc-" + Guid.NewGuid().ToString("n"), "policies.db");

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(10);

    private async Task<(TestController Controller, GrpcClient Client, EmulatedSwitch[] Switches)> StartRingAsync()
    {
        var port = TestController.FreePort();
        // Probes every 0.2 s find the ring quickly; links never age out here (LinkTimeout 60 s): with the default
        // 3.5 probe intervals (0.7 s) a loaded machine stalled the test's LLDP relay long enough to drop a ring link
        // between an intent's apply and the GetPath that follows it (NOT_FOUND in 1 of 10 runs with two test runs at once).
        var controller = await TestController.StartAsync(["--Topology:Enabled=true", "--Topology:ProbeInterval=0.2", "--Topology:LinkTimeout=60", $"--Northbound:GrpcEndpoint=127.0.0.1:{port}",
            $"--Northbound:PolicyDatabase={_db}", "--Controller:Apps:0=ShortestPath", "--ShortestPath:EdgePortGrace=0"]);
        var switches = new EmulatedSwitch[4];
        for (var i = 0; i < 4; i++)
        {
            switches[i] = await controller.ConnectReadyAsync((ulong)i + 1);
        }

        for (var i = 0; i < 4; i++)
        {
            var at = i;
            switches[i].Responder = m =>
            {
                // LLDP probes out of a ring port arrive at the neighbour (port 1 → next switch's port 2 and back).
                if (m is PacketOut { Data.Count: > 14 } po && po.Data[12] == 0x88 && po.Data[13] == 0xcc && po.Actions.SingleOrDefault() is OutputAction o && o.Port.Value is 1 or 2)
                {
                    var (peer, peerPort) = o.Port.Value == 1 ? (switches[(at + 1) % 4], 2u) : (switches[(at + 3) % 4], 1u);
                    _ = peer.SendAsync(new PacketIn(BufferId.NoBuffer, (ushort)po.Data.Count, PacketInReason.Action, 0, 0, new Match([OxmField.InPort(new PortNumber(peerPort))]), po.Data) { Xid = peer.NextXid() });
                }

                return null;
            };
        }

        var topology = controller.App.Services.GetRequiredService<TopologyService>();
        Assert.True(await TestController.EventuallyAsync(() => topology.Current.Links.Count == 8, TimeSpan.FromSeconds(10)), $"links: {topology.Current.Links.Count}");
        for (var i = 0; i < 4; i++)
        {
            // Host i+1 announces itself (gratuitous ARP, 10.0.0.i+1) on port 3.
            var mac = new MacAddress((ulong)i + 1);
            var ip = new IPv4Address(0x0a00_0001u + (uint)i);
            await switches[i].SendAsync(Frames.PacketIn(3, EthernetFrame.Carrying(MacAddress.Broadcast, mac, ArpPacket.Request(mac, ip, ip)).ToArray(), switches[i].NextXid()));
        }

        Assert.True(await TestController.EventuallyAsync(() => topology.Current.Hosts.Count == 4 && topology.Current.Hosts.Values.All(h => h.Ipv4.Length == 1), TimeSpan.FromSeconds(10)), $"hosts: {topology.Current.Hosts.Count}");
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        return (controller, new GrpcClient(http), switches);
    }

    private static Task<ApplyPolicyResponse> Apply(GrpcClient client, Policy policy, bool dryRun = false) =>
        client.UnaryAsync("/sdn.controller.v1.Policies/ApplyPolicy", new ApplyPolicyRequest { Policy = policy, DryRun = dryRun }, ApplyPolicyResponse.Parser, Deadline);

    private static async Task<string[]> PathAsync(GrpcClient client, bool installed)
    {
        var path = await client.UnaryAsync("/sdn.controller.v1.Topology/GetPath", new GetPathRequest { SrcMac = H1.ToString(), DstMac = H2.ToString() }, GetPathResponse.Parser, Deadline);
        Assert.Equal(installed, path.Installed);
        return [.. path.Hops.Select(h => h.Dpid[^1..])];
    }

    private static Policy AvoidS1S2(string a = "1") => new()
    {
        Id = "avoid-s1-s2",
        Intents = { new PathIntent { Selector = new PairSelector { Src = H1.ToString(), Dst = "10.0.0.2" }, AvoidLink = new AvoidLink { A = new Northbound.V1.SwitchPort { Dpid = a }, B = new Northbound.V1.SwitchPort { Dpid = "2" } } } },
    };

    [Fact]
    public async Task Avoid_link_intent_moves_the_installed_path_GetPath_follows_events_say_why_and_delete_moves_it_back()
    {
        var (controller, client, switches) = await StartRingAsync();
        await using var _ = controller;
        using var __ = client.Http;

        Assert.Equal(["1", "2"], await PathAsync(client, installed: false));
        await switches[0].SendAsync(Frames.PacketIn(3, Frames.Ethernet(H2, H1, 0x0800), switches[0].NextXid()));
        var app = controller.App.Services.GetRequiredService<AppDispatcher>().Apps.OfType<ShortestPathApp>().Single();
        Assert.True(await TestController.EventuallyAsync(() => app.PathOf(H1, H2) is not null && app.PathOf(H2, H1) is not null));

        // Bad intents: precise statuses, nothing applied.
        var bad = await Assert.ThrowsAsync<RpcException>(() => Apply(client, AvoidS1S2("s1")));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.StartsWith("intents[0].avoid_link.a.dpid: 's1' is not a datapath id", bad.Status.Detail);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Apply(client, AvoidS1S2("9")));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("intents[0].avoid_link.a.dpid: switch 0000000000000009 is not connected", unknown.Status.Detail);
        var cut = AvoidS1S2();
        cut.Intents.Add(new PathIntent { Selector = cut.Intents[0].Selector, AvoidLink = new AvoidLink { A = new Northbound.V1.SwitchPort { Dpid = "1" }, B = new Northbound.V1.SwitchPort { Dpid = "4" } } });
        var unreachable = await Assert.ThrowsAsync<RpcException>(() => Apply(client, cut));
        Assert.Equal(StatusCode.FailedPrecondition, unreachable.StatusCode);
        Assert.Contains("00:00:00:00:00:01 -> 00:00:00:00:00:02", unreachable.Status.Detail);

        // Dry run: which paths would move, old -> new; nothing changes.
        var dry = await Apply(client, AvoidS1S2(), dryRun: true);
        var planned = dry.PathChanges.Single(c => c.SrcMac == H1.ToString());
        Assert.Equal(IntentPathState.Planned, planned.State);
        Assert.Equal(["1", "2"], planned.OldHops.Select(h => h.Dpid[^1..]));
        Assert.Equal(["1", "4", "3", "2"], planned.NewHops.Select(h => h.Dpid[^1..]));
        Assert.Equal(["1", "2"], await PathAsync(client, installed: true));
        Assert.Empty((await client.UnaryAsync("/sdn.controller.v1.Policies/ListPolicies", new ListPoliciesRequest(), ListPoliciesResponse.Parser, Deadline)).Policies);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = client.ServerStreamingAsync("/sdn.controller.v1.Events/WatchEvents", new WatchEventsRequest { Kinds = { EventKind.PathRerouted } }, Event.Parser, null, cts.Token).GetAsyncEnumerator(cts.Token);
        var first = events.MoveNextAsync().AsTask();
        var bus = controller.App.Services.GetRequiredService<Events.EventBus>();
        Assert.True(await TestController.EventuallyAsync(() => bus.SubscriberCount == 1));

        var applied = await Apply(client, AvoidS1S2());

        Assert.All(applied.PathChanges, c => Assert.Equal(IntentPathState.Confirmed, c.State));
        Assert.Equal(["1", "4", "3", "2"], applied.PathChanges.Single(c => c.SrcMac == H1.ToString()).NewHops.Select(h => h.Dpid[^1..]));
        Assert.Equal(["1", "4", "3", "2"], await PathAsync(client, installed: true));
        await switches[2].WaitForAsync<FlowMod>(f => f.Cookie >> 56 == 0x12 && f.Match.Fields.Any(x => x.BasicField == OxmBasicField.EthDst && x.ValueAsMac() == H2), fromStart: true);
        Assert.True(await first);
        Assert.Equal("policy avoid-s1-s2 applied (path intents)", events.Current.Path.Cause);
        var listed = Assert.Single((await client.UnaryAsync("/sdn.controller.v1.Policies/ListPolicies", new ListPoliciesRequest(), ListPoliciesResponse.Parser, Deadline)).Policies);
        Assert.Equal("10.0.0.2", Assert.Single(listed.Intents).Selector.Dst);

        var deleted = await client.UnaryAsync("/sdn.controller.v1.Policies/DeletePolicy", new DeletePolicyRequest { Id = "avoid-s1-s2" }, DeletePolicyResponse.Parser, Deadline);
        Assert.Equal(["1", "2"], deleted.PathChanges.Single(c => c.SrcMac == H1.ToString()).NewHops.Select(h => h.Dpid[^1..]));
        Assert.Equal(["1", "2"], await PathAsync(client, installed: true));
        cts.Cancel();
    }

    [Fact]
    public async Task Waypoint_intent_survives_a_restart_and_the_cli_reads_it_from_yaml()
    {
        var yaml = Path.Combine(Path.GetDirectoryName(_db)!, "via3.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(yaml)!);
        File.WriteAllText(yaml, "id: via-s3\nintents:\n  - selector:\n      src: 00:00:00:00:00:01\n      dst: 00:00:00:00:00:02\n    waypoint:\n      dpid: \"3\"\n");
        Assert.Equal("3", Assert.Single(PolicyFile.Read(yaml).Intents).Waypoint.Dpid);

        var (controller, client, _) = await StartRingAsync();
        await using (controller)
        {
            using var __ = client.Http;
            var server = client.Http.BaseAddress!.Authority;
            var o = new StringWriter();
            Assert.Equal(0, await Commands.RunAsync(["--server", server, "policy", "apply", yaml], o, new StringWriter()));
            Assert.Contains("policy via-s3 applied", o.ToString());
            Assert.Equal(["1", "4", "3", "2"], await PathAsync(client, installed: false));
        }

        var (again, client2, _) = await StartRingAsync();
        await using var ___ = again;
        using var ____ = client2.Http;
        Assert.Equal(["1", "4", "3", "2"], await PathAsync(client2, installed: false));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_db)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
