using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

/// <summary>Bidirectional streaming: requests and responses interleave on one HTTP/2 stream.</summary>
public class DuplexStreamingTests
{
    private const string Chat = "/sdn.test.echo.Echo/Chat";

    [Fact]
    public async Task Each_request_is_answered_before_the_client_half_closes_then_the_call_ends_ok()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = server.CreateClient().DuplexStreaming<EchoRequest, EchoReply>(Chat, EchoReply.Parser, ct: cts.Token);
        for (var i = 0; i < 5; i++)
        {
            await call.WriteAsync(new EchoRequest { Text = $"m{i}" });
            var reply = await call.ReadNextAsync();
            Assert.Equal($"m{i}", reply?.Text);
        }

        call.CompleteRequests();
        Assert.Null(await call.ReadNextAsync());
        await server.WaitForEventAsync("chat:completed", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Requests_written_ahead_are_all_answered_in_order()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = server.CreateClient().DuplexStreaming<EchoRequest, EchoReply>(Chat, EchoReply.Parser, ct: cts.Token);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await call.WriteAsync(new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            call.CompleteRequests();
        });
        var got = new List<string>();
        await foreach (var reply in call.ReadAllAsync())
        {
            got.Add(reply.Text);
        }

        await writer;
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), got);
    }

    [Fact]
    public async Task Handler_error_mid_stream_reaches_the_client_as_its_status()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = server.CreateClient().DuplexStreaming<EchoRequest, EchoReply>(Chat, EchoReply.Parser, ct: cts.Token);
        await call.WriteAsync(new EchoRequest { Text = "ok" });
        Assert.Equal("ok", (await call.ReadNextAsync())?.Text);
        await call.WriteAsync(new EchoRequest { Text = "fail" });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ReadNextAsync());
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("chat failed on request", ex.Status.Detail);
    }

    [Fact]
    public async Task Oversized_request_mid_stream_is_resource_exhausted()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = server.CreateClient().DuplexStreaming<EchoRequest, EchoReply>(Chat, EchoReply.Parser, ct: cts.Token);
        await call.WriteAsync(new EchoRequest { Text = "small" });
        Assert.Equal("small", (await call.ReadNextAsync())?.Text);
        await call.WriteAsync(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[4096]) });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ReadNextAsync());
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Disposing_the_call_cancels_it_on_the_server()
    {
        await using var server = await EchoServer.StartAsync();
        using (var call = server.CreateClient().DuplexStreaming<EchoRequest, EchoReply>(Chat, EchoReply.Parser))
        {
            await call.WriteAsync(new EchoRequest { Text = "hi" });
            Assert.Equal("hi", (await call.ReadNextAsync())?.Text);
        }

        await server.WaitForEventAsync("chat:cancelled", TimeSpan.FromSeconds(5));
    }
}
