using System.Threading.Channels;

namespace Sdn.Controller.Events;

/// <summary>
/// One subscriber's bounded queue of events, created by <see cref="EventBus.Subscribe"/>. Read it with
/// <see cref="Reader"/>; dispose it to unsubscribe. When the subscriber falls more than its capacity behind, the bus
/// cuts it off: after the queued events, <c>Reader.Completion</c> faults with an <see cref="EventSubscriberOverflowException"/>
/// (<c>ReadAsync</c> throws a <c>ChannelClosedException</c> wrapping it; the gRPC layer
/// maps it to RESOURCE_EXHAUSTED) and the publisher never waits.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<ControllerEvent> _channel;
    private readonly Func<ControllerEvent, bool>? _filter;
    private readonly Action<EventSubscription> _unsubscribe;
    private int _closed;

    internal EventSubscription(int capacity, Func<ControllerEvent, bool>? filter, Action<EventSubscription> unsubscribe)
    {
        Capacity = capacity;
        _filter = filter;
        _unsubscribe = unsubscribe;
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

    internal void Offer(ControllerEvent evt)
    {
        if (Volatile.Read(ref _closed) != 0 || (_filter is not null && !_filter(evt)))
        {
            return;
        }

        if (!_channel.Writer.TryWrite(evt))
        {
            IsCutOff = true;
            Close(new EventSubscriberOverflowException(Capacity));
        }
    }

    /// <summary>Unsubscribes; the reader completes normally after the events already queued.</summary>
    public void Dispose() => Close(null);

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _channel.Writer.TryComplete(error);
            _unsubscribe(this);
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
