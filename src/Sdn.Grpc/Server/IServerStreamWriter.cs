namespace Sdn.Grpc;

/// <summary>Sends the messages of a server-streaming call; each is flushed to the client before the task completes.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message. Calls must not overlap.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write (the call's own token applies as well).</param>
    /// <returns>Completes when the message has been handed to the transport.</returns>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
