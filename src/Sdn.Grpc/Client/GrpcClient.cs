using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Sdn.Grpc;

/// <summary>
/// A gRPC client on <see cref="HttpClient"/>: every request is HTTP/2 (Version 2.0, RequestVersionExact), so a
/// plain-http base address talks h2c with prior knowledge. The method path is resolved against
/// <see cref="HttpClient.BaseAddress"/>. Non-OK statuses are thrown as <see cref="RpcException"/> with the decoded
/// grpc-message; deadlines are sent as grpc-timeout and enforced locally (DEADLINE_EXCEEDED); cancellation by the
/// caller ends the call with CANCELLED and resets the stream.
/// </summary>
/// <param name="http">The HTTP client (its base address is the server, for example "http://127.0.0.1:50051").</param>
public sealed class GrpcClient(HttpClient http)
{
    /// <summary>The underlying HTTP client.</summary>
    public HttpClient Http { get; } = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>Largest response message accepted, in bytes (default 4 MiB); larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcServerOptions.DefaultMaxMessageSize;

    /// <summary>Send request messages gzip-compressed (grpc-encoding gzip).</summary>
    public bool CompressRequests { get; init; }

    /// <summary>Calls a unary method.</summary>
    /// <typeparam name="TRequest">Request message type.</typeparam>
    /// <typeparam name="TResponse">Response message type.</typeparam>
    /// <param name="method">Full method path, for example "/sdn.controller.v1.Topology/ListSwitches".</param>
    /// <param name="request">The request message.</param>
    /// <param name="parser">Parser of the response type (TResponse.Parser).</param>
    /// <param name="deadline">Deadline (UTC), or null for none.</param>
    /// <param name="ct">Cancels the call (CANCELLED).</param>
    /// <returns>The response message.</returns>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser, DateTime? deadline = null, CancellationToken ct = default)
        where TRequest : IMessage
        where TResponse : IMessage<TResponse>
    {
        using var call = new GrpcClientCall<TResponse>(this, parser, deadline, ct);
        await call.StartAsync(method, request).ConfigureAwait(false);
        var response = await call.ReadNextAsync().ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The server returned OK without a response message.");
        if (await call.ReadNextAsync().ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The server returned more than one message for a unary call.");
        }

        return response;
    }

    /// <summary>Calls a server-streaming method; the messages arrive as they are sent. Leaving the loop early
    /// cancels the call on the server.</summary>
    /// <typeparam name="TRequest">Request message type.</typeparam>
    /// <typeparam name="TResponse">Response message type.</typeparam>
    /// <param name="method">Full method path, for example "/sdn.controller.v1.Events/WatchEvents".</param>
    /// <param name="request">The request message.</param>
    /// <param name="parser">Parser of the response type (TResponse.Parser).</param>
    /// <param name="deadline">Deadline (UTC), or null for none.</param>
    /// <param name="ct">Cancels the call (CANCELLED).</param>
    /// <returns>The response messages; enumeration throws <see cref="RpcException"/> for a non-OK status.</returns>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser, DateTime? deadline = null, [EnumeratorCancellation] CancellationToken ct = default)
        where TRequest : IMessage
        where TResponse : IMessage<TResponse>
    {
        using var call = new GrpcClientCall<TResponse>(this, parser, deadline, ct);
        await call.StartAsync(method, request).ConfigureAwait(false);
        while (await call.ReadNextAsync().ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }

    /// <summary>Starts a bidirectional-streaming call: the request headers leave at once, request messages as they
    /// are written, responses are read while writing goes on.</summary>
    /// <typeparam name="TRequest">Request message type.</typeparam>
    /// <typeparam name="TResponse">Response message type.</typeparam>
    /// <param name="method">Full method path, for example "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo".</param>
    /// <param name="parser">Parser of the response type (TResponse.Parser).</param>
    /// <param name="deadline">Deadline (UTC), or null for none.</param>
    /// <param name="ct">Cancels the call (CANCELLED).</param>
    /// <returns>The call; dispose it when done.</returns>
    public GrpcDuplexCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(string method, MessageParser<TResponse> parser, DateTime? deadline = null, CancellationToken ct = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(this, method, parser, deadline, ct);
}
