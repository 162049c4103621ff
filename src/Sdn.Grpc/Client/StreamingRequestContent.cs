using System.Net;
using System.Threading.Channels;

namespace Sdn.Grpc;

/// <summary>
/// A request body written while the call runs (bidirectional streaming): each queued Length-Prefixed-Message is
/// written and flushed as its own DATA frame(s); completing the queue ends the body (END_STREAM, the client's
/// half-close). HttpClient returns the response as soon as the server's headers arrive, whatever the body does.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly Channel<ReadOnlyMemory<byte>> _messages = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = false });

    /// <summary>Queues one framed message (waits while 16 are queued).</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> framed, CancellationToken cancellationToken) =>
        _messages.Writer.WriteAsync(framed, cancellationToken);

    /// <summary>Ends the body after the queued messages; false when it had ended already.</summary>
    public bool Complete() => _messages.Writer.TryComplete();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var framed in _messages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        _messages.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
