using Google.Protobuf;

namespace Sdn.Grpc;

/// <summary>
/// A bidirectional-streaming call from <see cref="GrpcClient.DuplexStreaming{TRequest, TResponse}"/>: write request
/// messages with <see cref="WriteAsync"/>, end them with <see cref="CompleteRequests"/> (half-close), read responses
/// with <see cref="ReadNextAsync"/> or <see cref="ReadAllAsync"/> at any time. Disposing it before the response
/// ended cancels the call (RST_STREAM CANCEL).
/// </summary>
/// <typeparam name="TRequest">Request message type.</typeparam>
/// <typeparam name="TResponse">Response message type.</typeparam>
public sealed class GrpcDuplexCall<TRequest, TResponse> : IDisposable
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private readonly GrpcClientCall<TResponse> _call;
    private readonly StreamingRequestContent _body = new();
    private readonly Task _started;

    internal GrpcDuplexCall(GrpcClient client, string method, MessageParser<TResponse> parser, DateTime? deadline, CancellationToken cancellationToken)
    {
        _call = new GrpcClientCall<TResponse>(client, parser, deadline, cancellationToken);
        _started = _call.StartAsync(method, _body);
    }

    /// <summary>Sends one request message: queued at once, flushed to the server in order (at most 16 wait).</summary>
    /// <param name="message">The message.</param>
    /// <returns>Completes when the message is queued.</returns>
    /// <exception cref="RpcException">The call already failed (its status), or the requests were completed
    /// (FAILED_PRECONDITION); CANCELLED or DEADLINE_EXCEEDED when the call's token fired while waiting.</exception>
    public async Task WriteAsync(TRequest message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_started.IsFaulted)
        {
            await _started.ConfigureAwait(false); // throws the call's RpcException
        }

        try
        {
            await _body.WriteAsync(FramedMessage<TRequest>.Create(message).Bytes, _call.Token).ConfigureAwait(false);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            throw new RpcException(StatusCode.FailedPrecondition, "Request stream already completed.");
        }
        catch (OperationCanceledException)
        {
            await _started.ConfigureAwait(false);
            throw new RpcException(StatusCode.Cancelled, "Call cancelled while writing.");
        }
    }

    /// <summary>Ends the request stream (half-close): the server's enumeration of requests ends after the last one.</summary>
    public void CompleteRequests() => _body.Complete();

    /// <summary>The next response message, or null after the last one (the status was OK).</summary>
    /// <returns>The message or null.</returns>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<TResponse?> ReadNextAsync()
    {
        await _started.ConfigureAwait(false);
        return await _call.ReadNextAsync().ConfigureAwait(false);
    }

    /// <summary>The response messages until the call ends.</summary>
    /// <returns>The messages; enumeration throws <see cref="RpcException"/> for a non-OK status.</returns>
    public async IAsyncEnumerable<TResponse> ReadAllAsync()
    {
        while (await ReadNextAsync().ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The response first: a stream reset (CANCEL) before the half-close, so the server sees a cancelled call,
        // not a client that finished.
        _call.Dispose();
        _body.Dispose();
    }
}
