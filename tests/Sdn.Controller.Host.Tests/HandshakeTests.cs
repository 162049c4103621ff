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
        Assert.Equal((1u << 4) | (1u << 1), bitmap.Bitmaps[0]); // OpenFlow 1.3 and 1.0
        Assert.Equal(new byte[] { 1, 4 }, h.OfferedVersions);

        var features = await sw.NextFrameAsync();
        Assert.IsType<FeaturesRequest>(features.Message);
        Assert.Equal((byte)OfpVersion.OpenFlow13, features.Header.Version);

        var portDesc = await sw.NextFrameAsync();
        Assert.IsType<PortDescRequest>(portDesc.Message);

        var setConfig = Assert.IsType<SetConfig>((await sw.NextFrameAsync()).Message);
        Assert.Equal(0xffff, setConfig.MissSendLength);
        Assert.Equal(ConfigFlags.FragNormal, setConfig.Flags);

        Assert.IsType<BarrierRequest>((await sw.NextFrameAsync()).Message);

        // The always-on Policies app first clears its cookie range (0x20…) so no stale drop flow survives a restart.
        var clearPolicies = Assert.IsType<FlowMod>((await sw.NextFrameAsync()).Message);
        Assert.Equal(FlowModCommand.Delete, clearPolicies.Command);
        Assert.Equal(0x2000_0000_0000_0000UL, clearPolicies.Cookie);
        Assert.Equal(0xff00_0000_0000_0000UL, clearPolicies.CookieMask);

        // Then the ACL stage's own table-miss in table 0: goto_table 1, so everything no policy rule decides is forwarded.
        var aclMiss = Assert.IsType<FlowMod>((await sw.NextFrameAsync()).Message);
        Assert.Equal((0, (ushort)0, 0x2000_0000_0000_0000UL), (aclMiss.TableId, aclMiss.Priority, aclMiss.Cookie));
        Assert.Empty(aclMiss.Match.Fields);
        Assert.Equal(new GotoTableInstruction(1), Assert.Single(aclMiss.Instructions));

        // L2Learning's table-miss, exactly Ryu's, in the forwarding table (1).
        var tableMiss = Assert.IsType<FlowMod>((await sw.NextFrameAsync()).Message);
        Assert.Equal(0, tableMiss.Priority);
        Assert.Equal(1, tableMiss.TableId);
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

    [Fact]
    public async Task Switch_refusing_set_config_still_becomes_ready()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0xc1, sendHello: false);
        sw.Responder = m => m is SetConfig ? [new Error(ErrorType.SwitchConfigFailed, (ushort)SwitchConfigFailedCode.BadLen, [0]) { Xid = m.Xid }] : null;
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow13));
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out _));
    }

    [Fact]
    public async Task Error_for_features_request_fails_the_handshake_and_closes()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0xc2, sendHello: false);
        sw.Responder = m => m is FeaturesRequest ? [new Error(ErrorType.BadRequest, (ushort)BadRequestCode.EPerm, [0]) { Xid = m.Xid }] : null;
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow13));
        Assert.True(await sw.WaitForCloseAsync(), sw.Describe());
        Assert.Equal(0, controller.Registry.Count);
    }

    [Fact]
    public async Task Port_status_and_echo_during_the_handshake_are_handled()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0xc3, sendHello: false);
        var early = new PortDescription(new PortNumber(9), new MacAddress(9), "early", PortConfig.None, PortState.Live);
        sw.Responder = m => m is FeaturesRequest f
            ? [new PortStatus(PortStatusReason.Add, early), new EchoRequest([7]) { Xid = new Xid(0x7eee_0001) }, .. sw.DefaultAnswersFor(f)]
            : null;
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow13));
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.Contains(sw.ReceivedOf<EchoReply>(), r => r.Xid == new Xid(0x7eee_0001));
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var api));
        Assert.Equal(3, api.Ports.Count); // OVS sends PORT_STATUS early; PORT_DESC is the source of truth
    }
}
