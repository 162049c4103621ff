using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Host.Tests;

/// <summary>Version negotiation (OpenFlow 1.3.5 §6.3.1): no common version means HELLO_FAILED/INCOMPATIBLE and close.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task OpenFlow_10_hello_without_bitmap_gets_HELLO_FAILED_in_version_1_then_close()
    {
        await using var controller = await TestController.StartAsync();
        var peer = await controller.ConnectAsync(1, sendHello: false);
        await peer.SendRawAsync(RawFrames.Header(1, 0, 8, 0x11));

        var hello = await peer.NextFrameAsync();
        Assert.IsType<Hello>(hello.Message);
        var errorFrame = await peer.NextFrameAsync();
        Assert.Equal(1, errorFrame.Header.Version);
        Assert.Equal(CommonCodec.ErrorType, errorFrame.Header.Type);
        Assert.Equal(new Xid(0x11), errorFrame.Header.Xid);
        var error = CommonCodec.DecodeError(errorFrame.Bytes);
        Assert.Equal(ErrorType.HelloFailed, error.Type);
        Assert.Equal((ushort)HelloFailedCode.Incompatible, error.Code);
        Assert.All(error.Data, b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
        var text = error.DataAsText;
        Assert.Contains("1.3", text, StringComparison.Ordinal);
        Assert.Contains("1.0", text, StringComparison.Ordinal);

        Assert.True(await peer.WaitForCloseAsync(), "connection stayed open after HELLO_FAILED");
        Assert.Equal(2, peer.Received.Count);
        Assert.Equal(0, controller.Registry.Count);
    }

    [Fact]
    public async Task Bitmap_without_13_gets_HELLO_FAILED_then_close()
    {
        await using var controller = await TestController.StartAsync();
        var peer = await controller.ConnectAsync(1, sendHello: false);
        await peer.SendAsync(Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow15));

        await peer.WaitForAsync<Hello>();
        var error = await peer.WaitForAsync<Error>();
        Assert.Equal(ErrorType.HelloFailed, error.Type);
        Assert.Equal((ushort)HelloFailedCode.Incompatible, error.Code);
        Assert.True(await peer.WaitForCloseAsync());
    }

    [Fact]
    public async Task Higher_header_version_with_13_in_the_bitmap_negotiates_13()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x15, sendHello: false);
        await sw.SendAsync(Hello.Offering(OfpVersion.OpenFlow13, OfpVersion.OpenFlow15));
        await sw.WaitForAsync<FlowMod>(f => f.Priority == 0);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out var registered));
        Assert.Equal(OfpVersion.OpenFlow13, registered.Version);
    }

    [Fact]
    public async Task Hello_of_version_13_without_bitmap_negotiates_13()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectAsync(0x13, sendHello: false);
        await sw.SendRawAsync(RawFrames.Header(4, 0, 8, 1));
        await sw.WaitForAsync<FlowMod>(f => f.Priority == 0);
        Assert.True(controller.Registry.TryGet(sw.Dpid, out _));
    }
}
