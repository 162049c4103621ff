using Microsoft.Extensions.Logging;

namespace Sdn.Controller.Events;

/// <summary>
/// The controller's in-process event bus. Publishers never block: synchronous listeners (in-process apps that must
/// react at once, e.g. reroute on LinkDown) run inline in registration order, guarded so one failing listener does not
/// stop the others; asynchronous subscribers (gRPC WatchEvents) each get a bounded queue and are cut off when it
/// overflows. Events are delivered in publication order; publications are serialised.
/// </summary>
public sealed class EventBus(ILogger<EventBus> log)
{
    private readonly object _gate = new();
    private Action<ControllerEvent>[] _listeners = [];
    private EventSubscription[] _subscriptions = [];
    private long _published;

    /// <summary>Fewest subscribers woken by one work item before the wakes of a publication are split over cores.</summary>
    private const int WakesPerWorkItem = 16;

    /// <summary>Events published so far.</summary>
    public long PublishedCount => Interlocked.Read(ref _published);

    /// <summary>Number of live asynchronous subscriptions.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Registers a synchronous listener, called inline for every event published from now on.</summary>
    /// <param name="listener">Must be fast and must not block; exceptions are logged and contained.</param>
    /// <returns>Dispose to remove the listener.</returns>
    public IDisposable AddListener(Action<ControllerEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Unregister(() =>
        {
            lock (_gate)
            {
                _listeners = _listeners.Where(l => l != listener).ToArray();
            }
        });
    }

    /// <summary>Creates an asynchronous subscription with a bounded queue.</summary>
    /// <param name="capacity">Queue capacity in events (at least 1); overflow cuts the subscriber off.</param>
    /// <param name="filter">Optional predicate; events it rejects are not queued.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public EventSubscription Subscribe(int capacity, Func<ControllerEvent, bool>? filter = null) => Add(new EventSubscription(capacity, filter, Remove));

    /// <summary>
    /// Creates a push-mode subscription: <paramref name="wake"/> is called when events arrive while the consumer is
    /// idle (see <see cref="EventSubscription"/>). The consumers woken by one publication run on one thread-pool work
    /// item, in subscription order (from 32 on, split over one item per core): no thread hop per subscriber, and the
    /// publisher only queues those items.
    /// </summary>
    /// <param name="capacity">Queue capacity in events (at least 1); overflow cuts the subscriber off (and wakes it).</param>
    /// <param name="filter">Optional predicate; events it rejects are not queued.</param>
    /// <param name="wake">Drains the queue with <c>Reader.TryRead</c> and ends with <see cref="EventSubscription.TryIdle"/>;
    /// must not block (await instead: later subscribers wait for it to return), exceptions are logged and contained.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public EventSubscription Subscribe(int capacity, Func<ControllerEvent, bool>? filter, Action<EventSubscription> wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        return Add(new EventSubscription(capacity, filter, Remove, wake, s => ScheduleWake([s])));
    }

    private EventSubscription Add(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Publishes one event to every listener, then every subscription.</summary>
    public void Publish(ControllerEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        lock (_gate)
        {
            Interlocked.Increment(ref _published);
            foreach (var listener in _listeners)
            {
                try
                {
                    listener(evt);
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "Event listener failed on {Event}; other listeners continue", evt.GetType().Name);
                }
            }

            List<EventSubscription>? woken = null;
            foreach (var subscription in _subscriptions)
            {
                if (subscription.Offer(evt))
                {
                    (woken ??= []).Add(subscription);
                }
            }

            if (woken is not null)
            {
                ScheduleWake(woken);
            }
        }
    }

    /// <summary>
    /// Queues the wakes of one publication: one work item per core (at most), each for a contiguous share of at
    /// least <see cref="WakesPerWorkItem"/> subscribers, so that a fan-out uses every core without a hop per subscriber.
    /// </summary>
    private void ScheduleWake(List<EventSubscription> woken)
    {
        var items = Math.Clamp(woken.Count / WakesPerWorkItem, 1, Environment.ProcessorCount);
        var share = (woken.Count + items - 1) / items;
        for (var start = 0; start < woken.Count; start += share)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.Bus.Wake(w.Woken, w.Start, w.End),
                (Bus: this, Woken: woken, Start: start, End: Math.Min(start + share, woken.Count)), preferLocal: false);
        }
    }

    private void Wake(List<EventSubscription> woken, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var subscription = woken[i];
            try
            {
                subscription.Wake();
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Event subscriber wake failed; other subscribers continue");
            }
        }
    }

    private void Remove(EventSubscription subscription)
    {
        // Called from Offer (inside Publish, same thread: the lock is re-entrant) or from Dispose.
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    private sealed class Unregister(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                action();
            }
        }
    }
}
