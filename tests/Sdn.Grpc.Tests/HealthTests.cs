using Grpc.Health.V1;

namespace Sdn.Grpc.Tests;

public class HealthTests
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private const string Watch = "/grpc.health.v1.Health/Watch";

    [Fact]
    public async Task Check_reports_the_server_and_named_services()
    {
        await using var server = await EchoServer.StartAsync();
        var client = server.CreateClient();
        var all = await client.UnaryAsync(Check, new HealthCheckRequest(), HealthCheckResponse.Parser);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, all.Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(Check, new HealthCheckRequest { Service = "sdn.test.echo.Echo" }, HealthCheckResponse.Parser));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        server.Health.SetStatus("sdn.test.echo.Echo", ServingStatus.NotServing);
        var named = await client.UnaryAsync(Check, new HealthCheckRequest { Service = "sdn.test.echo.Echo" }, HealthCheckResponse.Parser);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, named.Status);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_changes()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var e = server.CreateClient()
            .ServerStreamingAsync(Watch, new HealthCheckRequest { Service = "svc" }, HealthCheckResponse.Parser, ct: cts.Token)
            .GetAsyncEnumerator(cts.Token);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, e.Current.Status);
        server.Health.SetStatus("svc", ServingStatus.Serving);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, e.Current.Status);
        server.Health.SetStatus("svc", ServingStatus.NotServing);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, e.Current.Status);
    }
}
