using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

public class StreamingTests
{
    private static IAsyncEnumerable<CountReply> Count(GrpcClient client, int n, int intervalMs, DateTime? deadline = null, CancellationToken ct = default) =>
        client.ServerStreamingAsync("/sdn.test.echo.Echo/Count", new CountRequest { N = n, IntervalMs = intervalMs }, CountReply.Parser, deadline, ct);

    [Fact]
    public async Task Stream_delivers_every_message_then_ok()
    {
        await using var server = await EchoServer.StartAsync();
        var got = new List<int>();
        await foreach (var m in Count(server.CreateClient(), 50, 0))
        {
            got.Add(m.I);
        }

        Assert.Equal(Enumerable.Range(0, 50), got);
    }

    [Fact]
    public async Task Each_message_is_flushed_as_it_is_written()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var e = Count(server.CreateClient(), 3, 2_000, ct: cts.Token).GetAsyncEnumerator(cts.Token);
        var started = DateTime.UtcNow;
        Assert.True(await e.MoveNextAsync());
        // The first message must not wait for the second one (2 s later) or the end of the call.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5), "first message was held back");
    }

    [Fact]
    public async Task Leaving_the_loop_cancels_the_stream_on_the_server()
    {
        await using var server = await EchoServer.StartAsync();
        var seen = 0;
        await foreach (var m in Count(server.CreateClient(), 10_000, 20))
        {
            if (++seen == 3)
            {
                break;
            }
        }

        await server.WaitForEventAsync("count:cancelled", TimeSpan.FromSeconds(5));
        await server.WaitForEventAsync("count:ended", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Caller_cancellation_ends_the_stream_cleanly_on_both_sides()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var m in Count(server.CreateClient(), 10_000, 20, ct: cts.Token))
            {
                if (++seen == 2)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await server.WaitForEventAsync("count:ended", TimeSpan.FromSeconds(5));
        // The server still serves.
        Assert.Equal(3, await Count(server.CreateClient(), 3, 0).CountAsync());
    }

    [Fact]
    public async Task Stream_deadline_is_deadline_exceeded_after_some_messages()
    {
        await using var server = await EchoServer.StartAsync();
        var seen = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var m in Count(server.CreateClient(), 10_000, 50, DateTime.UtcNow.AddMilliseconds(500)))
            {
                seen++;
            }
        });
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(seen, 1, 20);
        await server.WaitForEventAsync("count:cancelled", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Shutdown_with_an_open_stream_is_prompt()
    {
        var server = await EchoServer.StartAsync();
        try
        {
            var client = server.CreateClient();
            await using var e = Count(client, 100_000, 100).GetAsyncEnumerator();
            Assert.True(await e.MoveNextAsync());
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await server.App.StopAsync(cts.Token);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {watch.Elapsed}");
            var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await e.MoveNextAsync())
                {
                }
            });
            Assert.Contains(ex.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Cancelled, StatusCode.Internal });
        }
        finally
        {
            await server.App.DisposeAsync();
        }
    }
}
