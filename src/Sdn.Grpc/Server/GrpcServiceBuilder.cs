using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sdn.Grpc;

/// <summary>
/// Adds the methods of one gRPC service to the endpoints; each is served at "/{service}/{method}"
/// (PROTOCOL-HTTP2.md "Requests": Path; Appendix A for protobuf service names). Obtained from
/// <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcService"/>.
/// </summary>
public sealed class GrpcServiceBuilder
{
    private readonly IEndpointRouteBuilder _endpoints;
    private readonly GrpcServerRuntime _runtime;

    internal GrpcServiceBuilder(IEndpointRouteBuilder endpoints, GrpcServerRuntime runtime, string serviceFullName)
    {
        _endpoints = endpoints;
        _runtime = runtime;
        ServiceFullName = serviceFullName;
    }

    /// <summary>The fully qualified service name, for example "sdn.controller.v1.Topology".</summary>
    public string ServiceFullName { get; }

    /// <summary>Maps a unary method: one request message, one response message.</summary>
    /// <typeparam name="TRequest">Request message type.</typeparam>
    /// <typeparam name="TResponse">Response message type.</typeparam>
    /// <param name="method">The method name as in the proto, for example "ListSwitches".</param>
    /// <param name="handler">Serves a call; throw <see cref="RpcException"/> to end it with a status.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder Unary<TRequest, TResponse>(string method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Parser<TRequest>();
        return Map(method, async call =>
        {
            var request = await call.ReadSingleMessageAsync(parser).ConfigureAwait(false);
            var response = await handler(request, call.Context).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Handler {call.Context.Method} returned null.");
            call.WriteUnaryResponse(response);
        });
    }

    /// <summary>Maps a server-streaming method: one request message, any number of response messages.</summary>
    /// <typeparam name="TRequest">Request message type.</typeparam>
    /// <typeparam name="TResponse">Response message type.</typeparam>
    /// <param name="method">The method name as in the proto, for example "WatchEvents".</param>
    /// <param name="handler">Serves a call, writing through the stream writer; the call ends with OK when it
    /// returns. Throw <see cref="RpcException"/> to end it with a status.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(string method, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Parser<TRequest>();
        return Map(method, async call =>
        {
            var request = await call.ReadSingleMessageAsync(parser).ConfigureAwait(false);
            await handler(request, new ServerStreamWriter<TResponse>(call), call.Context).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Maps a bidirectional-streaming method: the request messages arrive as the client sends them (the
    /// enumeration ends when the client half-closes its stream) while the handler writes responses at any time.
    /// </summary>
    /// <typeparam name="TRequest">Request message type.</typeparam>
    /// <typeparam name="TResponse">Response message type.</typeparam>
    /// <param name="method">The method name as in the proto, for example "ServerReflectionInfo".</param>
    /// <param name="handler">Serves a call; enumerate the requests once (INTERNAL or RESOURCE_EXHAUSTED
    /// <see cref="RpcException"/>s come out of the enumeration for bad messages). The call ends with OK when it
    /// returns; throw <see cref="RpcException"/> to end it with a status.</param>
    /// <returns>This builder.</returns>
    public GrpcServiceBuilder DuplexStreaming<TRequest, TResponse>(string method, Func<IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Parser<TRequest>();
        return Map(method, call => handler(call.ReadMessagesAsync(parser), new ServerStreamWriter<TResponse>(call), call.Context));
    }

    private static MessageParser<T> Parser<T>() where T : IMessage<T>, new() => new(() => new T());

    /// <summary>Maps one method: starts the call, runs <paramref name="serve"/>, ends with OK or with the status of
    /// the exception.</summary>
    private GrpcServiceBuilder Map(string method, Func<GrpcServerCall, Task> serve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var runtime = _runtime;
        var path = $"/{ServiceFullName}/{method}";
        _endpoints.Map(path, async http =>
        {
            using var call = GrpcServerCall.Start(http, runtime, path);
            if (call is null)
            {
                return;
            }

            try
            {
                await serve(call).ConfigureAwait(false);
                call.FinishOk();
            }
            catch (Exception ex)
            {
                call.Fail(ex);
            }
        }).WithDisplayName($"gRPC {path}");
        return this;
    }
}
