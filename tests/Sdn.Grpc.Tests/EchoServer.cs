using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

/// <summary>The echo test service on a Kestrel h2c loopback port picked by the system, with a log of what handlers saw.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();

    private EchoServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HealthService Health => App.Services.GetRequiredService<HealthService>();

    public static async Task<EchoServer> StartAsync(Action<GrpcServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpcLayer(configure);
        var app = builder.Build();
        EchoServer? server = null;
        app.MapGrpcService("sdn.test.echo.Echo")
            .Unary<EchoRequest, EchoReply>("Echo", (req, ctx) => req.Text == "boom"
                ? throw new InvalidOperationException("secret internal detail")
                : Task.FromResult(new EchoReply { Text = req.Text, Payload = req.Payload }))
            .Unary<FailRequest, Empty>("Fail", (req, ctx) => throw new RpcException((StatusCode)req.Code, req.Message))
            .Unary<SleepRequest, Empty>("Sleep", (req, ctx) => server!.SleepAsync(req, ctx))
            .ServerStreaming<CountRequest, CountReply>("Count", (req, writer, ctx) => server!.CountAsync(req, writer, ctx))
            .ServerStreaming<CountRequest, CountReply>("CountFramed", CountFramedAsync)
            .DuplexStreaming<EchoRequest, EchoReply>("Chat", (requests, writer, ctx) => server!.ChatAsync(requests, writer, ctx));
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService(EchoReflection.Descriptor);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new EchoServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    public GrpcClient CreateClient(bool compress = false) =>
        new(new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) }) { CompressRequests = compress };

    /// <summary>Waits (bounded) for a handler event such as "sleep:cancelled" or "count:ended".</summary>
    public async Task<string> NextEventAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _events.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Waits (bounded) until the event arrives, skipping others.</summary>
    public async Task WaitForEventAsync(string name, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (await _events.Reader.ReadAsync(cts.Token) != name)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(cts.Token);
        await App.DisposeAsync();
    }

    private async Task<Empty> SleepAsync(SleepRequest req, ServerCallContext ctx)
    {
        try
        {
            await Task.Delay(req.Ms, ctx.CancellationToken);
            _events.Writer.TryWrite("sleep:done");
            return new Empty();
        }
        catch (OperationCanceledException)
        {
            _events.Writer.TryWrite("sleep:cancelled");
            throw;
        }
    }

    private static async Task CountFramedAsync(CountRequest req, IServerStreamWriter<CountReply> writer, ServerCallContext ctx)
    {
        for (var i = 0; i < req.N; i++)
        {
            await writer.BufferAsync(FramedMessage<CountReply>.Create(new CountReply { I = i }), ctx.CancellationToken);
        }

        await writer.FlushAsync(ctx.CancellationToken);
    }

    private async Task ChatAsync(IAsyncEnumerable<EchoRequest> requests, IServerStreamWriter<EchoReply> writer, ServerCallContext ctx)
    {
        try
        {
            await foreach (var request in requests)
            {
                if (request.Text == "fail")
                {
                    throw new RpcException(StatusCode.Aborted, "chat failed on request");
                }

                await writer.WriteAsync(new EchoReply { Text = request.Text, Payload = request.Payload }, ctx.CancellationToken);
            }

            _events.Writer.TryWrite("chat:completed");
        }
        catch (OperationCanceledException)
        {
            _events.Writer.TryWrite("chat:cancelled");
            throw;
        }
    }

    private async Task CountAsync(CountRequest req, IServerStreamWriter<CountReply> writer, ServerCallContext ctx)
    {
        try
        {
            for (var i = 0; i < req.N; i++)
            {
                await writer.WriteAsync(new CountReply { I = i });
                if (req.IntervalMs > 0)
                {
                    await Task.Delay(req.IntervalMs, ctx.CancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            _events.Writer.TryWrite("count:cancelled");
            throw;
        }
        finally
        {
            _events.Writer.TryWrite("count:ended");
        }
    }
}
