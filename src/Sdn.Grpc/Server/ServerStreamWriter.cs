using Google.Protobuf;

namespace Sdn.Grpc;

/// <summary>The stream writer handed to server-streaming handlers.</summary>
internal sealed class ServerStreamWriter<T>(GrpcServerCall call) : IServerStreamWriter<T> where T : IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteStreamedAsync(message, cancellationToken);
    }

    public ValueTask BufferAsync(FramedMessage<T> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.BufferStreamedAsync(message.Bytes, message.PayloadLength, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => call.FlushStreamedAsync(cancellationToken);
}
