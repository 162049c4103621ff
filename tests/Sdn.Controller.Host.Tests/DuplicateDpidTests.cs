using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Channel;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Messages;
using Microsoft.Extensions.DependencyInjection;
using Sdn.Controller.Apps;

namespace Sdn.Controller.Host.Tests;

/// <summary>A second connection with a dpid already Ready replaces the first (the first is closed by the controller).</summary>
public sealed class DuplicateDpidTests
{
    [Fact]
    public async Task Second_connection_with_the_same_dpid_replaces_the_first()
    {
        await using var controller = await TestController.StartAsync();
        var first = await controller.ConnectReadyAsync(0x42);
        await first.SendAsync(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, Frames.H1)));
        await first.WaitForAsync<PacketOut>();
        var l2 = controller.App.Services.GetRequiredService<AppDispatcher>().Apps.OfType<L2LearningApp>().Single();
        Assert.Equal(1, l2.TableOf(new DatapathId(0x42))!.Count);

        var second = await controller.ConnectReadyAsync(0x42);

        Assert.True(await first.WaitForCloseAsync(), "the replaced connection was not closed: " + first.Describe());
        Assert.True(controller.Registry.TryGet(new DatapathId(0x42), out var current));
        Assert.Equal(second.LocalEndPoint.Port, current.RemoteEndPoint?.Port);
        Assert.Equal(1, controller.Registry.Count);
        var connection = Assert.IsType<SwitchConnection>(current);
        Assert.Null(connection.CloseReason);

        // The old connection's close must not take the new one out of the registry or the app's state.
        await Task.Delay(300);
        Assert.True(controller.Registry.TryGet(new DatapathId(0x42), out current));
        Assert.Equal(second.LocalEndPoint.Port, current.RemoteEndPoint?.Port);
        Assert.Equal(0, l2.TableOf(new DatapathId(0x42))!.Count);

        // And the new one works: h1 learned afresh is then a known destination.
        await second.EchoAsync();
        await second.SendAsync(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, Frames.H1)));
        Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single((await second.WaitForAsync<PacketOut>()).Actions)).Port);
        await second.SendAsync(Frames.PacketIn(2, Frames.Ethernet(Frames.H1, Frames.H2)));
        Assert.Equal(1, (await second.WaitForAsync<FlowMod>()).Priority);
    }

    [Fact]
    public async Task Third_connection_with_the_same_dpid_replaces_the_second()
    {
        await using var controller = await TestController.StartAsync();
        var a = await controller.ConnectReadyAsync(7);
        var b = await controller.ConnectReadyAsync(7);
        var c = await controller.ConnectReadyAsync(7);
        Assert.True(await a.WaitForCloseAsync());
        Assert.True(await b.WaitForCloseAsync());
        Assert.False(c.IsClosed);
        Assert.True(controller.Registry.TryGet(new DatapathId(7), out var current));
        Assert.Equal(c.LocalEndPoint.Port, current.RemoteEndPoint?.Port);
        await c.EchoAsync();
    }
}
