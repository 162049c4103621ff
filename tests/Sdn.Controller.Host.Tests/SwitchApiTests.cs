using System.Diagnostics;
using Sdn.Controller.Channel;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Host.Tests;

/// <summary>
/// The <see cref="Sdn.Controller.Apps.ISwitch"/> API of a Ready switch (from the registry) over TCP: requests,
/// multipart reassembly, timeouts, errors, disconnects, port tracking.
/// </summary>
public sealed class SwitchApiTests
{
    [Fact]
    public async Task Barrier_and_multipart_requests_complete_with_the_switch_replies()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);
        sw.PortDescParts = 3;
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));

        await api.BarrierAsync().WaitAsync(TimeSpan.FromSeconds(5));

        var reply = Assert.IsType<PortDescReply>(await api.RequestAsync(new PortDescRequest()).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(MultipartFlags.None, reply.Flags);
        Assert.Equal(EmulatedSwitch.DefaultPorts.Select(p => p.PortNo), reply.Ports.Select(p => p.PortNo));
        Assert.Equal(2, sw.ReceivedOf<PortDescRequest>().Count); // the handshake's and ours
    }

    [Fact]
    public async Task Unanswered_request_times_out_after_the_request_timeout()
    {
        await using var controller = await TestController.StartAsync(["--Controller:RequestTimeoutSeconds=0.5"]);
        var sw = await controller.ConnectReadyAsync(1);
        sw.Responder = m => m is BarrierRequest ? [] : null; // swallow barriers
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => api.BarrierAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(2));
        await sw.EchoAsync(); // a timed-out request does not end the connection
    }

    [Fact]
    public async Task Error_reply_fails_the_request_with_the_switch_error()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);
        sw.Responder = m => m is PortDescRequest ? [new Error(ErrorType.BadRequest, (ushort)BadRequestCode.BadMultipart, [1, 2, 3]) { Xid = m.Xid }] : null;
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));

        var ex = await Assert.ThrowsAsync<OpenFlowErrorException>(() => api.RequestAsync(new PortDescRequest()).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ErrorType.BadRequest, ex.Error.Type);
        Assert.Equal((ushort)BadRequestCode.BadMultipart, ex.Error.Code);
    }

    [Fact]
    public async Task Pending_request_fails_when_the_switch_disconnects_and_later_ones_fail_at_once()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);
        sw.Responder = m => m is BarrierRequest ? [] : null;
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));

        var pending = api.BarrierAsync();
        await sw.WaitForAsync<BarrierRequest>();
        await sw.DisposeAsync();
        await Assert.ThrowsAsync<SwitchDisconnectedException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<SwitchDisconnectedException>(() => api.BarrierAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(api.Send(new BarrierRequest()));
    }

    [Fact]
    public async Task Handshake_collects_a_port_desc_reply_split_into_parts()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(1, sendHello: false);
        sw.PortDescParts = 3;
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow13));
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);

        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));
        Assert.Equal(3, api.Ports.Count);
        Assert.Single(sw.ReceivedOf<PortDescRequest>()); // one request, answered in three parts
    }

    [Fact]
    public async Task Port_status_updates_the_port_table()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));

        var port4 = new PortDescription(new PortNumber(4), new MacAddress(0x0200_0000_0004), "s-eth4", PortConfig.None, PortState.Live);
        await sw.SendAsync(new PortStatus(PortStatusReason.Add, port4));
        Assert.True(await TestController.EventuallyAsync(() => api.Ports.ContainsKey(new PortNumber(4))));

        await sw.SendAsync(new PortStatus(PortStatusReason.Modify, port4 with { State = PortState.LinkDown }));
        Assert.True(await TestController.EventuallyAsync(() => api.Ports.TryGetValue(new PortNumber(4), out var p) && !p.IsUp));

        await sw.SendAsync(new PortStatus(PortStatusReason.Delete, port4));
        Assert.True(await TestController.EventuallyAsync(() => !api.Ports.ContainsKey(new PortNumber(4))));
        Assert.Equal(3, api.Ports.Count);
    }

    [Fact]
    public async Task Unsolicited_error_from_the_switch_is_not_answered()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);
        await sw.SendAsync(new Error(ErrorType.FlowModFailed, (ushort)FlowModFailedCode.TableFull, [1, 2, 3, 4]) { Xid = new Xid(0x7777) });
        await sw.EchoAsync();
        Assert.Empty(sw.ReceivedOf<Error>());
        Assert.False(sw.IsClosed);
    }
}
