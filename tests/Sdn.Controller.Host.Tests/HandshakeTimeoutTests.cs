using System.Diagnostics;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary><c>Controller:HandshakeTimeoutSeconds</c>: a peer that never completes the handshake is dropped.</summary>
public sealed class HandshakeTimeoutTests
{
    [Fact]
    public async Task Client_that_never_sends_hello_is_disconnected_after_about_the_timeout()
    {
        await using var controller = await TestController.StartAsync(["--Controller:HandshakeTimeoutSeconds=1"]);
        var start = Stopwatch.GetTimestamp();
        var client = await controller.ConnectAsync(9, sendHello: false);

        Assert.True(await client.WaitForCloseAsync(TimeSpan.FromSeconds(4)), "not disconnected: " + client.Describe());
        var after = Stopwatch.GetElapsedTime(start, client.ClosedAtTimestamp);
        Assert.InRange(after, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        var only = Assert.Single(client.Received);
        Assert.IsType<Hello>(only.Message); // the controller's HELLO, and nothing else
        Assert.Equal(0, controller.Registry.Count);
    }

    [Fact]
    public async Task Switch_stuck_after_hello_is_disconnected_after_about_the_timeout()
    {
        await using var controller = await TestController.StartAsync(["--Controller:HandshakeTimeoutSeconds=1"]);
        var start = Stopwatch.GetTimestamp();
        var client = await controller.ConnectAsync(9, sendHello: false);
        client.AnswerHandshake = false;
        await client.SendAsync(Hello.Offering(Sdn.OpenFlow.OfpVersion.OpenFlow13));

        Assert.True(await client.WaitForCloseAsync(TimeSpan.FromSeconds(4)), "not disconnected: " + client.Describe());
        Assert.InRange(Stopwatch.GetElapsedTime(start, client.ClosedAtTimestamp), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.Single(client.ReceivedOf<FeaturesRequest>());
        Assert.Equal(0, controller.Registry.Count);
    }
}
