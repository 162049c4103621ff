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
        return Map<TRequest>(method, async (call, request) =>
        {
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
        return Map<TRequest>(method, (call, request) => handler(request, new ServerStreamWriter<TResponse>(call), call.Context));
    }

    /// <summary>Maps one method: starts the call, reads its single request, runs <paramref name="serve"/>, ends with OK
    /// or with the status of the exception.</summary>
    private GrpcServiceBuilder Map<TRequest>(string method, Func<GrpcServerCall, TRequest, Task> serve)
        where TRequest : IMessage<TRequest>, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var parser = new MessageParser<TRequest>(() => new TRequest());
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
                var request = await call.ReadSingleMessageAsync(parser).ConfigureAwait(false);
                await serve(call, request).ConfigureAwait(false);
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
