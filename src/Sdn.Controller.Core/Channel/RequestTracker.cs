using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Channel;

/// <summary>
/// Allocates xids for one connection and correlates replies with requests (OpenFlow 1.3.5 §6.1: replies carry
/// the request's xid). Multipart replies flagged MORE are collected and completed as one merged reply
/// (<see cref="MultipartMerge"/>). An OFPT_ERROR with a pending xid fails that request with
/// <see cref="OpenFlowErrorException"/>; <see cref="ExpireDue"/> fails requests older than their timeout with
/// <see cref="TimeoutException"/>. Thread-safe.
/// </summary>
public sealed class RequestTracker
{
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly Dictionary<uint, Pending> _pending = [];
    private uint _next;

    /// <summary>Creates a tracker whose first xid is 1.</summary>
    public RequestTracker(TimeProvider clock) => _clock = clock;

    /// <summary>Requests waiting for a reply.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>A fresh xid (never 0, wraps after 2^32 - 1).</summary>
    public Xid NextXid()
    {
        var x = Interlocked.Increment(ref _next);
        if (x == 0)
        {
            x = Interlocked.Increment(ref _next);
        }

        return new Xid(x);
    }

    /// <summary>Registers interest in the reply to the request with <paramref name="xid"/> (register before sending).</summary>
    /// <param name="xid">The request's xid.</param>
    /// <param name="timeout">Time allowed for the whole reply.</param>
    /// <returns>The reply; multipart parts merged into one record.</returns>
    public Task<OfpMessage> Expect(Xid xid, TimeSpan timeout)
    {
        var p = new Pending(_clock.GetTimestamp(), timeout);
        lock (_gate)
        {
            if (!_pending.TryAdd(xid.Value, p))
            {
                throw new InvalidOperationException($"xid {xid} is already pending.");
            }
        }

        return p.Completion.Task;
    }

    /// <summary>Offers a message from the switch (replies, errors, and messages of types the codec does not model, e.g. ROLE_REPLY).</summary>
    /// <returns>True when it answered a pending request (and is consumed).</returns>
    public bool TryComplete(OfpMessage message)
    {
        if (message is not (BarrierReply or MultipartReply or Error or GetConfigReply or FeaturesReply or EchoReply or UnknownMessage))
        {
            return false;
        }

        Pending? p;
        lock (_gate)
        {
            if (!_pending.TryGetValue(message.Xid.Value, out p))
            {
                return false;
            }

            if (message is MultipartReply part && (part.Flags & MultipartFlags.More) != 0)
            {
                p.Parts.Add(part);
                return true;
            }

            _pending.Remove(message.Xid.Value);
        }

        switch (message)
        {
            case Error e:
                p.Completion.TrySetException(new OpenFlowErrorException(e));
                break;
            case MultipartReply last when p.Parts.Count > 0:
                p.Parts.Add(last);
                p.Completion.TrySetResult(MultipartMerge.Merge(p.Parts));
                break;
            default:
                p.Completion.TrySetResult(message);
                break;
        }

        return true;
    }

    /// <summary>Forgets a pending request (it could not be sent); its task never completes.</summary>
    public void Abandon(Xid xid)
    {
        lock (_gate)
        {
            _pending.Remove(xid.Value);
        }
    }

    /// <summary>Fails every request older than its timeout.</summary>
    /// <returns>How many expired.</returns>
    public int ExpireDue()
    {
        List<(uint Xid, Pending P)>? due = null;
        lock (_gate)
        {
            foreach (var (xid, p) in _pending)
            {
                if (_clock.GetElapsedTime(p.Started) >= p.Timeout)
                {
                    (due ??= []).Add((xid, p));
                }
            }

            foreach (var (xid, _) in due ?? [])
            {
                _pending.Remove(xid);
            }
        }

        foreach (var (xid, p) in due ?? [])
        {
            p.Completion.TrySetException(new TimeoutException($"no reply to xid 0x{xid:x8} within {p.Timeout.TotalSeconds:0.###} s"));
        }

        return due?.Count ?? 0;
    }

    /// <summary>Fails every pending request (connection closed).</summary>
    public void FailAll(Exception error)
    {
        Pending[] all;
        lock (_gate)
        {
            all = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var p in all)
        {
            p.Completion.TrySetException(error);
        }
    }

    private sealed class Pending(long started, TimeSpan timeout)
    {
        public long Started { get; } = started;
        public TimeSpan Timeout { get; } = timeout;
        public TaskCompletionSource<OfpMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<MultipartReply> Parts { get; } = [];
    }
}
