using System.Threading.Channels;

namespace Sdn.Controller.Events;

/// <summary>
/// One subscriber's bounded queue of events, created by <see cref="EventBus.Subscribe(int, Func{ControllerEvent, bool}?)"/>.
/// Read it with <see cref="Reader"/>; dispose it to unsubscribe. When the subscriber falls more than its capacity
/// behind, the bus cuts it off: after the queued events, <c>Reader.Completion</c> faults with an
/// <see cref="EventSubscriberOverflowException"/> (<c>ReadAsync</c> throws a <c>ChannelClosedException</c> wrapping
/// it; the gRPC layer maps it to RESOURCE_EXHAUSTED) and the publisher never waits.
/// <para>
/// Push mode (<see cref="EventBus.Subscribe(int, Func{ControllerEvent, bool}?, Action{EventSubscription})"/>): instead
/// of awaiting the reader, the consumer is called back ("woken") when events arrive while it is idle; every
/// subscriber woken by one publication is called from one thread-pool work item (one per core for 32 and more), not one each. The consumer drains
/// with <c>Reader.TryRead</c>, ends when <c>Reader.Completion</c> has completed, and otherwise calls
/// <see cref="TryIdle"/>; at most one wake runs at a time.
/// </para>
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<ControllerEvent> _channel;
    private readonly Func<ControllerEvent, bool>? _filter;
    private readonly Action<EventSubscription> _unsubscribe;
    private readonly Action<EventSubscription>? _wake;
    private readonly Action<EventSubscription>? _scheduleWake;
    private readonly CancellationTokenSource _cutOff = new();
    private int _closed;
    private int _idle = 1; // push mode: 1 = the consumer waits for a wake; 0 = a wake runs or is on its way

    internal EventSubscription(int capacity, Func<ControllerEvent, bool>? filter, Action<EventSubscription> unsubscribe,
        Action<EventSubscription>? wake = null, Action<EventSubscription>? scheduleWake = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _filter = filter;
        _unsubscribe = unsubscribe;
        _wake = wake;
        _scheduleWake = scheduleWake;
        _channel = System.Threading.Channels.Channel.CreateBounded<ControllerEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // never used to wait: TryWrite fails instead and the bus cuts off
        });
    }

    /// <summary>Maximum number of undelivered events before the subscriber is cut off.</summary>
    public int Capacity { get; }

    /// <summary>The events, in publication order.</summary>
    public ChannelReader<ControllerEvent> Reader => _channel.Reader;

    /// <summary>True once the bus cut this subscriber off because its queue overflowed.</summary>
    public bool IsCutOff { get; private set; }

    /// <summary>Fires when the bus cuts this subscriber off (its callbacks run on the thread pool): a consumer stuck
    /// in a write to a client that stopped reading can give up at once.</summary>
    public CancellationToken CutOff => _cutOff.Token;

    /// <summary>Queues <paramref name="evt"/> (or cuts the subscriber off when its queue is full).</summary>
    /// <returns>True when the bus must wake the consumer (push mode, and it was idle).</returns>
    internal bool Offer(ControllerEvent evt)
    {
        if (Volatile.Read(ref _closed) != 0 || (_filter is not null && !_filter(evt)))
        {
            return false;
        }

        if (!_channel.Writer.TryWrite(evt))
        {
            IsCutOff = true;
            Close(new EventSubscriberOverflowException(Capacity));
        }

        return TryClaim();
    }

    /// <summary>Calls the push-mode consumer (from the bus's wake work item).</summary>
    internal void Wake() => _wake?.Invoke(this);

    /// <summary>
    /// Push mode: takes the consumer's turn from outside a wake (for example when its call is cancelled and it must
    /// end): true when the consumer was idle, and the caller now runs it; false when a wake runs or is on its way.
    /// Always false in pull mode.
    /// </summary>
    public bool TryClaim() => _wake is not null && Interlocked.CompareExchange(ref _idle, 0, 1) == 1;

    /// <summary>
    /// Push mode: the consumer has drained the queue and goes idle. Returns true when it may stop (the next event
    /// wakes it), false when events (or the end of the queue) arrived meanwhile and it must drain again. Once
    /// <c>Reader.Completion</c> has completed the consumer must end instead of calling this (it would answer false
    /// for ever).
    /// </summary>
    public bool TryIdle()
    {
        Volatile.Write(ref _idle, 1);
        if (_channel.Reader.Count == 0 && !_channel.Reader.Completion.IsCompleted)
        {
            return true;
        }

        // Something arrived: drain again, unless a publisher took the turn first (its wake is on its way).
        return Interlocked.CompareExchange(ref _idle, 0, 1) != 1;
    }

    /// <summary>Unsubscribes; the reader completes normally after the events already queued (push mode: the
    /// consumer is woken to see the end, unless it is the one disposing).</summary>
    public void Dispose()
    {
        Close(null);
        if (TryClaim())
        {
            _scheduleWake!(this);
        }
    }

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _channel.Writer.TryComplete(error);
            _unsubscribe(this);
            if (error is not null)
            {
                // Callbacks run on the thread pool: Close may run inside EventBus.Publish.
                _ = _cutOff.CancelAsync();
            }
        }
    }
}

/// <summary>A subscriber fell more than <see cref="Capacity"/> events behind and was cut off.</summary>
/// <param name="capacity">The subscription's queue capacity (events).</param>
public sealed class EventSubscriberOverflowException(int capacity)
    : Exception($"Event subscriber fell more than {capacity} events behind and was cut off.")
{
    /// <summary>The subscription's queue capacity (events).</summary>
    public int Capacity { get; } = capacity;
}
