using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Channel;

/// <summary>
/// The send side. On the connection loop's own thread (apps handling an event, handshake and echo replies) a send
/// is encoded at once into the output pipe — one <c>GetSpan</c>/<c>Advance</c>, no allocation for
/// <see cref="FlowRule"/>/<see cref="PacketOutSpec"/> — and the loop flushes once per batch. From any other
/// thread it goes to the bounded <see cref="OffLoopQueue"/> and wakes the loop (<c>CancelPendingRead</c>); a full
/// queue disconnects the switch. Only the loop ever touches the pipe. Order is kept across the two ways in: a send
/// on the loop first writes whatever other threads queued before it, so a switch receives one sender's messages in
/// the order they were sent even when they were sent from different threads (an app updating a switch's flood rules
/// from another switch's loop, then from this one's, must not have its older rules land last).
/// </summary>
public sealed partial class SwitchConnection
{
    private readonly PipeWriter _output;
    private readonly OffLoopQueue _offLoop;
    private volatile IOpenFlowCodec? _codec;
    private int _loopThread;
    private int _wakeRequested;
    private bool _unflushed;
    private long _flushBlockedSince;
    private Memory<byte> _block;
    private int _blockUsed;
    private uint _hotXid;

    /// <inheritdoc />
    public bool Send(OfpMessage message)
    {
        if (message.Xid.Value == 0)
        {
            message = message with { Xid = _requests.NextXid() };
        }

        if (OnLoop)
        {
            WriteQueuedFirst();
            WriteNow(message);
            return true;
        }

        return EnqueueOffLoop(message);
    }

    /// <inheritdoc />
    public bool Send(in FlowRule rule)
    {
        var codec = _codec;
        if (!OnLoop || codec is null)
        {
            return Send(rule.ToFlowMod());
        }

        WriteQueuedFirst();
        try
        {
            var room = ReserveInBlock(FlowRule.MaxWireLength); // may commit and reset _blockUsed: not inside +=
            _blockUsed += codec.Write(rule, NextHotXid(), room);
            _unflushed = true;
            return true;
        }
        catch (OpenFlowEncodeException ex)
        {
            LogUnencodable(nameof(FlowRule), ex);
            return false;
        }
    }

    /// <inheritdoc />
    public bool Send(in PacketOutSpec packetOut)
    {
        var codec = _codec;
        if (!OnLoop || codec is null)
        {
            return Send(packetOut.ToPacketOut());
        }

        WriteQueuedFirst();
        try
        {
            var room = ReserveInBlock(codec.GetLength(packetOut));
            _blockUsed += codec.Write(packetOut, NextHotXid(), room);
            _unflushed = true;
            return true;
        }
        catch (OpenFlowEncodeException ex)
        {
            LogUnencodable(nameof(PacketOutSpec), ex);
            return false;
        }
    }

    /// <summary>
    /// Xids of the hot-path FLOW_MODs and PACKET_OUTs (loop only, so no interlocked counter): 0x80000000 upwards,
    /// apart from the request xids (<see cref="RequestTracker"/> counts from 1), so an ERROR about one of them is
    /// never taken for a reply to a request.
    /// </summary>
    private Xid NextHotXid() => new(0x8000_0000u | ++_hotXid);

    private bool OnLoop => Volatile.Read(ref _loopThread) == Environment.CurrentManagedThreadId && _closeReason is null;

    private void EnterLoop() => Volatile.Write(ref _loopThread, Environment.CurrentManagedThreadId);

    private void ExitLoop() => Volatile.Write(ref _loopThread, 0);

    private bool EnqueueOffLoop(OfpMessage message)
    {
        if (_closeReason is not null)
        {
            return false;
        }

        if (!_offLoop.TryEnqueue(message))
        {
            Close($"send queue overflow ({_options.SendQueueCapacity} messages waiting): the switch is not keeping up");
            return false;
        }

        if (Interlocked.Exchange(ref _wakeRequested, 1) == 0)
        {
            WakeLoop();
        }

        return true;
    }

    /// <summary>
    /// Completes the loop's pending read (it then drains the queue, or sees that the connection is closing) from a
    /// thread-pool item, never on the caller's thread: with inline scheduling the loop's continuation would
    /// otherwise run right inside <c>CancelPendingRead</c>, nested in whatever the caller was doing — another
    /// switch's loop, an app handler, or a lifecycle lock.
    /// </summary>
    private void WakeLoop() =>
        ThreadPool.UnsafeQueueUserWorkItem(static input => input.CancelPendingRead(), _input, preferLocal: false);

    /// <summary>On the loop, before a direct write: what other threads queued earlier goes out first (one volatile read when nothing waits).</summary>
    private void WriteQueuedFirst()
    {
        if (_offLoop.Count > 0)
        {
            DrainOffLoop();
        }
    }

    /// <summary>Writes everything other threads queued (called on the loop).</summary>
    private void DrainOffLoop()
    {
        Volatile.Write(ref _wakeRequested, 0);
        while (_offLoop.TryDequeue(out var message))
        {
            WriteNow(message);
        }
    }

    /// <summary>
    /// Room for at least <paramref name="size"/> bytes after what the loop already wrote into the current pipe block
    /// (loop only). Hot-path replies are packed into one block and committed with one <c>Advance</c> per block or
    /// per batch (<see cref="CommitBlock"/>), not one per message: each <c>Advance</c> takes the pipe's lock.
    /// </summary>
    private Span<byte> ReserveInBlock(int size)
    {
        if (_block.Length - _blockUsed < size)
        {
            CommitBlock();
            _block = _output.GetMemory(size);
        }

        return _block.Span[_blockUsed..];
    }

    /// <summary>Hands what was packed into the current block to the pipe (before any other write and before flushing).</summary>
    private void CommitBlock()
    {
        if (_blockUsed > 0)
        {
            _output.Advance(_blockUsed);
        }

        _block = default;
        _blockUsed = 0;
    }

    /// <summary>Encodes one message into the pipe (loop only). Before negotiation only HELLO and ERROR can be written.</summary>
    private void WriteNow(OfpMessage message)
    {
        CommitBlock();
        try
        {
            var codec = _codec;
            switch (message)
            {
                case Hello h:
                    _output.Advance(CommonCodec.WriteHello(h, _output.GetSpan(CommonCodec.HelloLength(h))));
                    break;
                case Error e when codec is null:
                    _output.Advance(CommonCodec.WriteError(e, _handshake.ErrorVersion, _output.GetSpan(CommonCodec.ErrorLength(e))));
                    break;
                default:
                    (codec ?? OpenFlowCodecs.For(OfpVersion.OpenFlow13)).Write(message, _output);
                    break;
            }

            _unflushed = true;
        }
        catch (OpenFlowEncodeException ex)
        {
            LogUnencodable(message.GetType().Name, ex);
        }
    }

    /// <returns>False when the transport no longer accepts data.</returns>
    private async ValueTask<bool> FlushAsync()
    {
        if (!_unflushed)
        {
            return true;
        }

        CommitBlock();
        _unflushed = false;
        try
        {
            var pending = _output.FlushAsync();
            FlushResult result;
            if (pending.IsCompleted)
            {
                result = pending.Result;
            }
            else
            {
                Volatile.Write(ref _flushBlockedSince, _clock.GetTimestamp()); // watched by CheckWriteStall
                try
                {
                    result = await pending.ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _flushBlockedSince, 0);
                }
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                Close(result.IsCanceled ? "write abandoned: the switch is not reading" : "the transport stopped accepting data");
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            Close($"write failed: {ex.Message}");
            return false;
        }
    }

    /// <summary>Timer side: disconnects a switch whose flush has been blocked longer than <c>WriteStallTimeoutSeconds</c>.</summary>
    /// <returns>True when it did.</returns>
    private bool CheckWriteStall()
    {
        var since = Volatile.Read(ref _flushBlockedSince);
        if (since == 0 || _clock.GetElapsedTime(since).TotalSeconds < _options.WriteStallTimeoutSeconds)
        {
            return false;
        }

        Close($"the switch stopped reading: a write has been blocked for {_options.WriteStallTimeoutSeconds:0.###} s");
        AbortWrites();
        return true;
    }

    /// <summary>After the loop: writes what is still queued (e.g. a goodbye error), bounded by the abort timer.</summary>
    private async Task FinalFlushAsync()
    {
        try
        {
            EnterLoop();
            try
            {
                DrainOffLoop();
            }
            finally
            {
                ExitLoop();
            }

            if (_unflushed)
            {
                CommitBlock();
                _unflushed = false;
                await _output.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            _log.LogDebug("Final flush to dpid={Dpid} failed: {Error}", Dpid, ex.Message);
        }
    }

    private void LogUnencodable(string what, OpenFlowEncodeException ex) =>
        _log.LogError("Dropped a {Type} for dpid={Dpid} that cannot be encoded in OpenFlow {Version}: {Error}", what, Dpid, Version, ex.Message);
}
