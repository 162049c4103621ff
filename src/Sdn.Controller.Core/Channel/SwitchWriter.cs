using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Channel;

/// <summary>
/// The send side of one switch connection: a bounded queue of messages and the single loop that drains it,
/// encoding each message straight into the <see cref="PipeWriter"/> (one <c>GetSpan</c>/<c>Advance</c> each) and
/// flushing once per batch. Thread-safe to enqueue from anywhere; only the loop touches the pipe.
/// </summary>
internal sealed class SwitchWriter
{
    /// <summary>Most messages encoded between two flushes.</summary>
    public const int Batch = 1024;

    private readonly PipeWriter _output;
    private readonly System.Threading.Channels.Channel<OfpMessage> _queue;
    private readonly ILogger _log;
    private readonly Func<string> _describe;
    private volatile IOpenFlowCodec? _codec;
    private byte _preNegotiationVersion;

    /// <param name="output">The transport's output.</param>
    /// <param name="capacity">Most messages waiting; <see cref="TryEnqueue"/> fails beyond it.</param>
    /// <param name="log">Logger for messages that cannot be encoded.</param>
    /// <param name="describe">Names the switch in log lines (e.g. <c>dpid=…</c>).</param>
    public SwitchWriter(PipeWriter output, int capacity, ILogger log, Func<string> describe)
    {
        _output = output;
        _log = log;
        _describe = describe;
        _queue = System.Threading.Channels.Channel.CreateBounded<OfpMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Sets the negotiated version's codec; until then only HELLO and ERROR can be written.</summary>
    public void UseCodec(IOpenFlowCodec codec) => _codec = codec;

    /// <summary>The header version for an OFPT_ERROR written before negotiation (the peer's HELLO version).</summary>
    public void UsePreNegotiationVersion(byte version) => Volatile.Write(ref _preNegotiationVersion, version);

    /// <summary>Queues a message; false when the queue is full or completed.</summary>
    public bool TryEnqueue(OfpMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>No more messages will be queued; the loop ends once the queue is drained.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Stops a flush that waits for a peer that does not read.</summary>
    public void Abort() => _output.CancelPendingFlush();

    /// <summary>Drains the queue until it is completed and empty, or the transport fails.</summary>
    /// <returns>Null after a clean end; otherwise why writing stopped.</returns>
    public async Task<string?> RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var n = 0;
                while (n < Batch && reader.TryRead(out var message))
                {
                    Write(message);
                    n++;
                }

                var flush = await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return "the transport stopped accepting data";
                }
            }

            return null;
        }
        catch (Exception ex)
        {
            return $"write failed: {ex.Message}";
        }
    }

    private void Write(OfpMessage message)
    {
        try
        {
            var codec = _codec;
            switch (message)
            {
                case Hello h:
                    _output.Advance(CommonCodec.WriteHello(h, _output.GetSpan(CommonCodec.HelloLength(h))));
                    break;
                case Error e when codec is null:
                    _output.Advance(CommonCodec.WriteError(e, Volatile.Read(ref _preNegotiationVersion), _output.GetSpan(CommonCodec.ErrorLength(e))));
                    break;
                default:
                    (codec ?? OpenFlowCodecs.For(OfpVersion.OpenFlow13)).Write(message, _output);
                    break;
            }
        }
        catch (OpenFlowEncodeException ex)
        {
            _log.LogError("Dropped a {Type} for {Switch} that cannot be encoded: {Error}", message.GetType().Name, _describe(), ex.Message);
        }
    }
}
