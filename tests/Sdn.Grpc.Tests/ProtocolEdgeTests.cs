using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

public class ProtocolEdgeTests
{
    [Fact]
    public async Task Unknown_method_and_unknown_service_are_unimplemented()
    {
        await using var server = await EchoServer.StartAsync();
        var client = server.CreateClient();
        var method = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/sdn.test.echo.Echo/Nope", new Empty(), Empty.Parser));
        Assert.Equal(new Status(StatusCode.Unimplemented, "Method is unimplemented."), method.Status);
        var service = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/no.Such/Thing", new Empty(), Empty.Parser));
        Assert.Equal(new Status(StatusCode.Unimplemented, "Service is unimplemented."), service.Status);
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_get_is_405()
    {
        await using var server = await EchoServer.StartAsync();
        var json = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", [], contentType: "application/json");
        Assert.Equal(415, json.HttpStatus);
        var get = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", [], method: HttpMethod.Get);
        Assert.Equal(405, get.HttpStatus);
        // A non-gRPC request to an unknown path is not answered as gRPC.
        var other = await RawHttp.SendAsync(server.Address, "/a/b", [], contentType: "text/plain");
        Assert.Equal(404, other.HttpStatus);
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Content_type_variants_are_accepted(string contentType)
    {
        await using var server = await EchoServer.StartAsync();
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", RawHttp.Framed(new EchoRequest()), contentType);
        Assert.Equal("0", raw.TrailerStatus);
    }

    [Theory]
    [InlineData("1.5S")]
    [InlineData("123456789m")]
    [InlineData("10 s")]
    public async Task Malformed_grpc_timeout_is_internal(string timeout)
    {
        await using var server = await EchoServer.StartAsync();
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", RawHttp.Framed(new EchoRequest()), headers: ("grpc-timeout", timeout));
        Assert.Equal("13", raw.HeaderStatus);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0xFF, 0xFF })] // bytes that do not parse as protobuf
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 1 })] // request ends inside the message
    [InlineData(new byte[] { 3, 0, 0, 0, 0 })] // bad compressed flag
    [InlineData(new byte[] { 1, 0, 0, 0, 0 })] // compressed without grpc-encoding
    [InlineData(new byte[] { })] // no message at all
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })] // two messages for a unary method
    public async Task Bad_request_bytes_are_internal_and_the_server_keeps_serving(byte[] body)
    {
        await using var server = await EchoServer.StartAsync();
        var raw = await RawHttp.SendAsync(server.Address, "/sdn.test.echo.Echo/Echo", body);
        Assert.Equal("13", raw.HeaderStatus);
        Assert.Equal("ok", (await server.CreateClient().UnaryAsync("/sdn.test.echo.Echo/Echo", new EchoRequest { Text = "ok" }, EchoReply.Parser)).Text);
    }

    [Fact]
    public async Task Connection_refused_is_unavailable()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = new GrpcClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/x.Y/Z", new Empty(), Empty.Parser, DateTime.UtcNow.AddSeconds(5)));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Many_concurrent_calls_on_one_connection()
    {
        await using var server = await EchoServer.StartAsync();
        var client = server.CreateClient();
        var replies = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            client.UnaryAsync("/sdn.test.echo.Echo/Echo", new EchoRequest { Text = i.ToString() }, EchoReply.Parser)));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString()), replies.Select(r => r.Text));
    }
}
