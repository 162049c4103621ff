using Sdn.Controller.Channel;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Host.Tests;

/// <summary>The OpenFlow 1.3 handshake over real TCP against the in-process controller (OpenFlow 1.3.5 §6.3.1, §7.3).</summary>
public sealed class HandshakeTests
{
    [Fact]
    public async Task Handshake_over_tcp_sends_the_sequence_in_order_and_registers_the_switch()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x0000_0000_0000_00a1);

        var hello = await sw.NextFrameAsync();
        Assert.Equal((byte)OfpVersion.OpenFlow13, hello.Header.Version);
        var h = Assert.IsType<Hello>(hello.Message);
        var bitmap = Assert.Single(h.Elements.OfType<HelloVersionBitmap>());
        Assert.Equal(1u << 4, bitmap.Bitmaps[0]);
        Assert.Equal(new byte[] { 4 }, h.OfferedVersions);

        var features = await sw.NextFrameAsync();
        Assert.IsType<FeaturesRequest>(features.Message);
        Assert.Equal((byte)OfpVersion.OpenFlow13, features.Header.Version);

        var portDesc = await sw.NextFrameAsync();
        Assert.IsType<PortDescRequest>(portDesc.Message);

        var setConfig = Assert.IsType<SetConfig>((await sw.NextFrameAsync()).Message);
        Assert.Equal(0xffff, setConfig.MissSendLength);
        Assert.Equal(ConfigFlags.FragNormal, setConfig.Flags);

        Assert.IsType<BarrierRequest>((await sw.NextFrameAsync()).Message);

        var tableMiss = Assert.IsType<FlowMod>((await sw.NextFrameAsync()).Message);
        Assert.Equal(0, tableMiss.Priority);
        Assert.Equal(0x1000_0000_0000_0000UL, tableMiss.Cookie);
        Assert.Equal(FlowModCommand.Add, tableMiss.Command);
        Assert.Empty(tableMiss.Match.Fields);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(tableMiss.Instructions));
        var output = Assert.IsType<OutputAction>(Assert.Single(apply.Actions));
        Assert.Equal(PortNumber.Controller, output.Port);
        Assert.Equal(OutputAction.NoBuffer, output.MaxLength);

        // Distinct xids for the controller's requests.
        var xids = sw.Received.Take(5).Select(f => f.Header.Xid).ToArray();
        Assert.Equal(xids.Length, xids.Distinct().Count());

        Assert.True(await TestController.EventuallyAsync(() => controller.Registry.TryGet(sw.Dpid, out _)), "registry never listed the switch");
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var registered));
        Assert.Equal(sw.Dpid, registered.Dpid);
        Assert.Equal(OfpVersion.OpenFlow13, registered.Version);
        Assert.Equal(3, registered.Ports.Count);
        Assert.Equal("s-eth2", registered.Ports[new PortNumber(2)].Name);
        var connection = Assert.IsType<SwitchConnection>(registered);
        Assert.Equal(HandshakeState.Ready, connection.State);
        Assert.Equal(sw.LocalEndPoint.Port, connection.RemoteEndPoint?.Port);
        Assert.False(sw.IsClosed);
    }

    [Fact]
    public async Task Switch_leaving_is_removed_from_the_registry()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(0xb1);
        await sw.DisposeAsync();
        Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(new DatapathId(0xb1), out _)),
            "the switch stayed in the registry after its socket closed");
    }
}
