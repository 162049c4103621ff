using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary>Invalid settings stop <see cref="ControllerHost.Build"/> with a message naming the setting; listeners on several endpoints.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--Controller:Endpoints:0=not-an-endpoint", "Controller:Endpoints")]
    [InlineData("--Controller:Endpoints:0=127.0.0.1", "Controller:Endpoints")]
    [InlineData("--Controller:Endpoints:0=127.0.0.1:0", "Controller:Endpoints")]
    [InlineData("--Controller:HandshakeTimeoutSeconds=0", "Controller:HandshakeTimeoutSeconds")]
    [InlineData("--Controller:EchoMissLimit=0", "Controller:EchoMissLimit")]
    [InlineData("--Controller:MaxMessageLength=4", "Controller:MaxMessageLength")]
    [InlineData("--Controller:TransportBlockSize=1000", "Controller:TransportBlockSize")]
    public void Bad_setting_throws_InvalidConfigurationException_naming_it(string arg, string setting)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => ControllerHost.Build([arg]));
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Errors, e => e.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_setting_is_listed()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => ControllerHost.Build(
            ["--Controller:Endpoints:0=nope", "--Controller:EchoIntervalSeconds=-1", "--Controller:SendQueueCapacity=1"]));
        Assert.Equal(3, ex.Errors.Count);
    }

    [Fact]
    public void Unknown_app_throws_InvalidOperationException_naming_the_setting_and_the_app()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ControllerHost.Build(
            [$"--Controller:Endpoints:0=127.0.0.1:{TestController.FreePort()}", "--Controller:Apps:0=NoSuchApp"]));
        Assert.Contains("Controller:Apps", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchApp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("L2Learning", ex.Message, StringComparison.Ordinal); // lists the known apps
    }

    [Fact]
    public void App_listed_twice_throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ControllerHost.Build(
            [$"--Controller:Endpoints:0=127.0.0.1:{TestController.FreePort()}", "--Controller:Apps:0=Hub", "--Controller:Apps:1=hub"]));
        Assert.Contains("Controller:Apps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_endpoints_both_accept_switches()
    {
        await using var controller = await TestController.StartAsync(endpointCount: 2);
        Assert.NotEqual(controller.Ports[0], controller.Ports[1]);
        var a = await controller.ConnectReadyAsync(0x6653, controller.Ports[0]);
        var b = await controller.ConnectReadyAsync(0x6633, controller.Ports[1]);
        Assert.Equal(2, controller.Registry.Count);
        await a.EchoAsync();
        await b.EchoAsync();
        await b.SendAsync(Frames.PacketIn(1, Frames.Ethernet(Sdn.OpenFlow.MacAddress.Broadcast, Frames.H1)));
        await b.WaitForAsync<PacketOut>();
    }
}
