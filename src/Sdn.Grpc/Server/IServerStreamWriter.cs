namespace Sdn.Grpc;

/// <summary>
/// Sends the messages of a server-streaming call. <see cref="WriteAsync"/> sends one message and flushes it;
/// <see cref="BufferAsync"/> and <see cref="FlushAsync"/> send several pre-serialized messages with one flush (one
/// HTTP/2 DATA frame write instead of one per message). Calls must not overlap.
/// </summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<T> where T : Google.Protobuf.IMessage<T>
{
    /// <summary>Sends one message and flushes it (with anything buffered before it).</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write (the call's own token applies as well).</param>
    /// <returns>Completes when the message has been handed to the transport.</returns>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED: the message is larger than the send limit.</exception>
    /// <exception cref="OperationCanceledException">The call ended (client gone, deadline, shutdown) or the token fired.</exception>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies one pre-serialized message into the response without flushing it: it leaves with the next
    /// <see cref="FlushAsync"/> or <see cref="WriteAsync"/>. Completes synchronously except for the first message of
    /// the call, which sends the response headers first.
    /// </summary>
    /// <param name="message">The framed message (shared between streams; not copied until this call).</param>
    /// <param name="cancellationToken">Cancels the write (the call's own token applies as well).</param>
    /// <returns>Completes when the bytes are in the response's buffer.</returns>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED: the message is larger than the send limit.</exception>
    /// <exception cref="OperationCanceledException">The call ended or the token fired.</exception>
    ValueTask BufferAsync(FramedMessage<T> message, CancellationToken cancellationToken = default);

    /// <summary>Hands every buffered message to the transport (no-op before the first message).</summary>
    /// <param name="cancellationToken">Cancels the flush (the call's own token applies as well).</param>
    /// <returns>Completes when the transport took the bytes (it waits while the client does not read: HTTP/2 flow control).</returns>
    /// <exception cref="OperationCanceledException">The call ended or the token fired.</exception>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
