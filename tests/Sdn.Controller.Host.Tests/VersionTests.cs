using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Host.Tests;

/// <summary>
/// Version negotiation (OpenFlow 1.3.5 §6.3.1): the controller speaks 1.3 and 1.0; a common version gets a full
/// handshake in it, no common version means HELLO_FAILED/INCOMPATIBLE and close.
/// </summary>
public sealed class VersionTests
{
    [Fact]
    public async Task OpenFlow_10_switch_completes_the_handshake_and_gets_the_table_miss_flow_mod_in_10()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x10, version: OfpVersion.OpenFlow10);

        // No PORT_DESC in 1.0: FEATURES_REQUEST, then SET_CONFIG + BARRIER, then the apps' FLOW_MOD — all in version 1.
        var flow = await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.Empty(sw.Received.Where(f => f.DecodeError is not null).Select(f => f.ToString()));
        Assert.All(sw.Received.Skip(1), f => Assert.Equal(1, f.Header.Version)); // after the controller's own HELLO
        Assert.Equal(0, sw.Received.Count(f => f.Header.Type == 16)); // no STATS_REQUEST (PORT_DESC does not exist in 1.0)
        Assert.Single(sw.ReceivedOf<FeaturesRequest>());
        Assert.Equal(0xffff, Assert.Single(sw.ReceivedOf<SetConfig>()).MissSendLength);

        Assert.Equal(Match.Any, flow.Match);
        Assert.Equal(FlowModCommand.Add, flow.Command);
        Assert.Equal(0x1000_0000_0000_0000UL, flow.Cookie);
        Assert.Equal([new ApplyActionsInstruction([new OutputAction(PortNumber.Controller, OutputAction.NoBuffer)])], flow.Instructions);
        var bytes = sw.Received.Single(f => f.Message == flow).Bytes;
        Assert.Equal(1, bytes[0]);
        Assert.Equal(14, bytes[1]); // OFPT_FLOW_MOD in 1.0
        Assert.Equal(80, bytes.Length); // 72 + one 8-byte OUTPUT action
        Assert.Equal("ff fd ff ff", $"{bytes[^4]:x2} {bytes[^3]:x2} {bytes[^2]:x2} {bytes[^1]:x2}"); // output:CONTROLLER max_len 0xffff

        Assert.True(controller.Registry.TryGet(sw.Dpid, out var registered));
        Assert.Equal(OfpVersion.OpenFlow10, registered.Version);
        Assert.Equal([1u, 2u, 3u], registered.Ports.Keys.Select(p => p.Value).Order().ToArray()); // from FEATURES_REPLY
    }

    [Fact]
    public async Task OpenFlow_10_packet_in_is_answered_by_l2learning_in_10()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x11, version: OfpVersion.OpenFlow10);
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);

        // host 02:..:0a on port 1 → broadcast: flood; then host 02:..:0b on port 2 → 02:..:0a: a flow to port 1.
        byte[] Frame(ulong dst, ulong src) =>
        [
            (byte)(dst >> 40), (byte)(dst >> 32), (byte)(dst >> 24), (byte)(dst >> 16), (byte)(dst >> 8), (byte)dst,
            (byte)(src >> 40), (byte)(src >> 32), (byte)(src >> 24), (byte)(src >> 16), (byte)(src >> 8), (byte)src,
            0x08, 0x00, .. new byte[46],
        ];
        await sw.SendAsync(new PacketIn(BufferId.NoBuffer, 60, PacketInReason.NoMatch, 0, 0, new Match([OxmField.InPort(new PortNumber(1))]),
            Frame(0xffff_ffff_ffff, 0x0200_0000_000a)) { Xid = sw.NextXid() });
        var flood = await sw.WaitForAsync<PacketOut>();
        Assert.Equal(new PortNumber(1), flood.InPort);
        Assert.Equal([new OutputAction(PortNumber.Flood, flood.Actions.OfType<OutputAction>().Single().MaxLength)], flood.Actions);

        await sw.SendAsync(new PacketIn(BufferId.NoBuffer, 60, PacketInReason.NoMatch, 0, 0, new Match([OxmField.InPort(new PortNumber(2))]),
            Frame(0x0200_0000_000a, 0x0200_0000_000b)) { Xid = sw.NextXid() });
        var learned = await sw.WaitForAsync<FlowMod>(f => f.Priority != 0);
        Assert.Equal(new PortNumber(2), learned.Match.InPort);
        Assert.Equal(new MacAddress(0x0200_0000_000a), learned.Match.EthDst);
        Assert.Equal(0x1000_0000_0000_0000UL, learned.Cookie & 0xff00_0000_0000_0000UL);
        Assert.Empty(sw.Received.Where(f => f.DecodeError is not null).Select(f => f.ToString()));
    }

    [Fact]
    public async Task Bitmap_with_10_and_13_negotiates_13()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x12, sendHello: false);
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow13));
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var registered));
        Assert.Equal(OfpVersion.OpenFlow13, registered.Version);
    }

    [Fact]
    public async Task OpenFlow_11_hello_without_bitmap_gets_HELLO_FAILED_in_version_2_then_close()
    {
        await using var controller = await TestController.StartAsync();
        var peer = await controller.ConnectAsync(1, sendHello: false);
        await peer.SendRawAsync(RawFrames.Header(2, 0, 8, 0x11));

        var hello = await peer.NextFrameAsync();
        var ours = Assert.IsType<Hello>(hello.Message);
        Assert.Equal([(byte)1, (byte)4], ours.OfferedVersions);
        var errorFrame = await peer.NextFrameAsync();
        Assert.Equal(2, errorFrame.Header.Version);
        Assert.Equal(CommonCodec.ErrorType, errorFrame.Header.Type);
        Assert.Equal(new Xid(0x11), errorFrame.Header.Xid);
        var error = CommonCodec.DecodeError(errorFrame.Bytes);
        Assert.Equal(ErrorType.HelloFailed, error.Type);
        Assert.Equal((ushort)HelloFailedCode.Incompatible, error.Code);
        Assert.All(error.Data, b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
        var text = error.DataAsText;
        Assert.Contains("1.3", text, StringComparison.Ordinal);
        Assert.Contains("1.1 (0x02)", text, StringComparison.Ordinal);

        Assert.True(await peer.WaitForCloseAsync(), "connection stayed open after HELLO_FAILED");
        Assert.Equal(2, peer.Received.Count);
        Assert.Equal(0, controller.Registry.Count);
    }

    [Fact]
    public async Task Bitmap_of_11_and_12_only_gets_HELLO_FAILED_then_close()
    {
        await using var controller = await TestController.StartAsync();
        var peer = await controller.ConnectAsync(1, sendHello: false);
        await peer.SendAsync(Hello.Offering(OfpVersion.OpenFlow11, OfpVersion.OpenFlow12));

        await peer.WaitForAsync<Hello>();
        var error = await peer.WaitForAsync<Error>();
        Assert.Equal(ErrorType.HelloFailed, error.Type);
        Assert.Equal((ushort)HelloFailedCode.Incompatible, error.Code);
        Assert.True(await peer.WaitForCloseAsync());
        Assert.Equal(0, controller.Registry.Count);
    }

    [Fact]
    public async Task Higher_header_version_with_13_in_the_bitmap_negotiates_13()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x15, sendHello: false);
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow13, OfpVersion.OpenFlow15));
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var registered));
        Assert.Equal(OfpVersion.OpenFlow13, registered.Version);
    }

    [Fact]
    public async Task Hello_of_version_13_without_bitmap_negotiates_13()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x13, sendHello: false);
        await sw.SendRawAsync(RawFrames.Header(4, 0, 8, 1));
        await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out _));
    }
}
