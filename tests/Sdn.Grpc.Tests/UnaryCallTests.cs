using Google.Protobuf;
using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

public class UnaryCallTests
{
    private static Task<EchoReply> Echo(GrpcClient client, EchoRequest request, DateTime? deadline = null) =>
        client.UnaryAsync("/sdn.test.echo.Echo/Echo", request, EchoReply.Parser, deadline);

    [Fact]
    public async Task Echo_returns_the_request()
    {
        await using var server = await EchoServer.StartAsync();
        var reply = await Echo(server.CreateClient(), new EchoRequest { Text = "hi", Payload = ByteString.CopyFrom(1, 2, 3) });
        Assert.Equal("hi", reply.Text);
        Assert.Equal(new byte[] { 1, 2, 3 }, reply.Payload.ToByteArray());
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "no such switch")]
    [InlineData(StatusCode.InvalidArgument, "priorité ✓ 100% \"quoted\"\nline 2 日本")]
    [InlineData(StatusCode.FailedPrecondition, "")]
    [InlineData(StatusCode.Unauthenticated, "~!@#$^&*()")]
    public async Task Fail_returns_code_and_message(StatusCode code, string message)
    {
        await using var server = await EchoServer.StartAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => server.CreateClient().UnaryAsync(
            "/sdn.test.echo.Echo/Fail", new FailRequest { Code = (int)code, Message = message }, Empty.Parser));
        Assert.Equal(new Status(code, message), ex.Status);
    }

    [Fact]
    public async Task Error_before_any_message_is_trailers_only_with_percent_encoded_message()
    {
        await using var server = await EchoServer.StartAsync();
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Fail",
            RawHttp.Framed(new FailRequest { Code = 5, Message = "é 100%" }));
        Assert.Equal(200, raw.HttpStatus);
        Assert.Equal("5", raw.HeaderStatus);
        Assert.Equal("%C3%A9 100%25", raw.HeaderMessage);
        Assert.Null(raw.TrailerStatus);
        Assert.Empty(raw.Body);
    }

    [Fact]
    public async Task Success_sends_status_in_trailers()
    {
        await using var server = await EchoServer.StartAsync();
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", RawHttp.Framed(new EchoRequest { Text = "x" }));
        Assert.Null(raw.HeaderStatus);
        Assert.Equal("0", raw.TrailerStatus);
        Assert.Equal("identity,gzip", raw.AcceptEncoding);
        Assert.Equal(RawHttp.Framed(new EchoReply { Text = "x" }), raw.Body);
    }

    [Fact]
    public async Task Handler_exception_is_internal_with_a_generic_message()
    {
        await using var server = await EchoServer.StartAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Echo(server.CreateClient(), new EchoRequest { Text = "boom" }));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_expires_as_deadline_exceeded_and_fires_the_handler_token()
    {
        await using var server = await EchoServer.StartAsync();
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<RpcException>(() => server.CreateClient().UnaryAsync(
            "/sdn.test.echo.Echo/Sleep", new SleepRequest { Ms = 20_000 }, Empty.Parser, DateTime.UtcNow.AddMilliseconds(300)));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        await server.WaitForEventAsync("sleep:cancelled", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_on_its_own()
    {
        // A raw client with no timer of its own: the DEADLINE_EXCEEDED status comes from the server.
        await using var server = await EchoServer.StartAsync();
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Sleep",
            RawHttp.Framed(new SleepRequest { Ms = 20_000 }), headers: ("grpc-timeout", "200m"));
        Assert.Equal("4", raw.HeaderStatus ?? raw.TrailerStatus);
        await server.WaitForEventAsync("sleep:cancelled", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_deadline_in_the_past_fails_without_calling()
    {
        await using var server = await EchoServer.StartAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Echo(server.CreateClient(), new EchoRequest(), DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Caller_cancellation_is_cancelled_and_reaches_the_handler()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<RpcException>(() => server.CreateClient().UnaryAsync(
            "/sdn.test.echo.Echo/Sleep", new SleepRequest { Ms = 20_000 }, Empty.Parser, ct: cts.Token));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await server.WaitForEventAsync("sleep:cancelled", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Message_size_limits_are_resource_exhausted()
    {
        await using var server = await EchoServer.StartAsync(o =>
        {
            o.MaxReceiveMessageSize = 64 * 1024;
            o.MaxSendMessageSize = 32 * 1024;
        });
        var client = server.CreateClient();
        var tooBigToReceive = await Assert.ThrowsAsync<RpcException>(() => Echo(client, new EchoRequest { Payload = ByteString.CopyFrom(new byte[70_000]) }));
        Assert.Equal(StatusCode.ResourceExhausted, tooBigToReceive.StatusCode);
        var tooBigToSend = await Assert.ThrowsAsync<RpcException>(() => Echo(client, new EchoRequest { Payload = ByteString.CopyFrom(new byte[40_000]) }));
        Assert.Equal(StatusCode.ResourceExhausted, tooBigToSend.StatusCode);
        Assert.Equal(20_000, (await Echo(client, new EchoRequest { Payload = ByteString.CopyFrom(new byte[20_000]) })).Payload.Length);
    }

    [Fact]
    public async Task Default_receive_limit_is_4_MiB()
    {
        await using var server = await EchoServer.StartAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Echo(server.CreateClient(), new EchoRequest { Payload = ByteString.CopyFrom(new byte[4 * 1024 * 1024 + 1]) }));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Gzip_requests_are_accepted_and_a_gzip_bomb_is_bounded()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 64 * 1024);
        var client = server.CreateClient(compress: true);
        var reply = await Echo(client, new EchoRequest { Text = "zipped", Payload = ByteString.CopyFrom(new byte[30_000]) });
        Assert.Equal("zipped", reply.Text);
        Assert.Equal(30_000, reply.Payload.Length);
        // Small on the wire, too large once decompressed.
        var bomb = await Assert.ThrowsAsync<RpcException>(() => Echo(client, new EchoRequest { Payload = ByteString.CopyFrom(new byte[1_000_000]) }));
        Assert.Equal(StatusCode.ResourceExhausted, bomb.StatusCode);
    }

    [Fact]
    public async Task Gzip_is_unimplemented_when_disabled()
    {
        await using var server = await EchoServer.StartAsync(o => o.EnableGzipRequests = false);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Echo(server.CreateClient(compress: true), new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", [], headers: ("grpc-encoding", "snappy"));
        Assert.Equal("12", raw.HeaderStatus);
        Assert.Equal("identity", raw.AcceptEncoding);
    }
}
