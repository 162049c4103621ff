using Sdn.Controller.Events;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Services;

/// <summary>
/// Moves one WatchEvents subscriber's queued events into its gRPC stream, in push mode
/// (<see cref="EventBus.Subscribe(int, Func{ControllerEvent, bool}?, Action{EventSubscription})"/>): the bus wakes it
/// when events arrive, it copies every queued event's pre-serialized message into the stream (one flush per
/// <see cref="EventsGrpcService.MaxEventsPerFlush"/> events) and goes idle. It runs on the bus's wake work item
/// and stays there unless a flush has to wait (a client that does not read: HTTP/2 flow control); then it continues
/// on its own. The stream ends only inside a wake, after which no wake runs again, so nothing writes to the call
/// once <see cref="Completion"/> has completed. Use: create, subscribe with <see cref="Wake"/>, <see cref="Start"/>,
/// await <see cref="Completion"/>, dispose.
/// </summary>
/// <param name="stream">The call's response stream.</param>
/// <param name="framed">The shared framed message of an event (never null for a queued event: the filter let
/// only those through).</param>
/// <param name="callToken">The call's token: when it fires the pump ends (cancelled).</param>
internal sealed class EventStreamPump(IServerStreamWriter<Event> stream, Func<ControllerEvent, FramedMessage<Event>?> framed, CancellationToken callToken) : IDisposable
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _linked;
    private CancellationTokenRegistration _onEnd;

    /// <summary>Completes when the stream ended: normally (unsubscribed), cancelled (the call's token), or faulted
    /// (RESOURCE_EXHAUSTED <see cref="RpcException"/> when the subscriber was cut off, or a write error).</summary>
    public Task Completion => _done.Task;

    /// <summary>
    /// Ends the pump when the call's token fires or the bus cuts the subscriber off, also while a flush waits for a
    /// client that stopped reading (the flush is cancelled), and when it is idle (it is woken to end).
    /// </summary>
    public void Start(EventSubscription subscription)
    {
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, subscription.CutOff);
        _onEnd = _linked.Token.UnsafeRegister(static (state, _) =>
        {
            var (pump, s) = ((EventStreamPump, EventSubscription))state!;
            if (s.TryClaim())
            {
                pump.Wake(s);
            }
        }, (this, subscription));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _onEnd.Dispose();
        _linked?.Dispose();
    }

    /// <summary>The wake callback: drains the queue; never throws (failures complete <see cref="Completion"/>).</summary>
    public void Wake(EventSubscription subscription) => _ = DrainAsync(subscription);

    /// <summary>The call's token, and from <see cref="Start"/> on also the subscription's cut-off.</summary>
    private CancellationToken Token => Volatile.Read(ref _linked)?.Token ?? callToken;

    private async Task DrainAsync(EventSubscription subscription)
    {
        var reader = subscription.Reader;
        var token = Token;
        try
        {
            do
            {
                token.ThrowIfCancellationRequested();
                var pending = 0;
                while (reader.TryRead(out var evt))
                {
                    await stream.BufferAsync(framed(evt)!, token).ConfigureAwait(false);
                    if (++pending == EventsGrpcService.MaxEventsPerFlush)
                    {
                        await stream.FlushAsync(token).ConfigureAwait(false);
                        pending = 0;
                    }
                }

                if (pending > 0)
                {
                    await stream.FlushAsync(token).ConfigureAwait(false);
                }

                if (reader.Completion.IsCompleted)
                {
                    End(reader.Completion.Exception?.InnerException);
                    return;
                }
            }
            while (!subscription.TryIdle());
        }
        catch (OperationCanceledException) when (subscription.IsCutOff)
        {
            End(new EventSubscriberOverflowException(subscription.Capacity));
        }
        catch (Exception ex)
        {
            End(ex);
        }
    }

    private void End(Exception? error)
    {
        switch (error)
        {
            case null:
                _done.TrySetResult();
                break;
            case EventSubscriberOverflowException overflow:
                _done.TrySetException(new RpcException(new Status(StatusCode.ResourceExhausted, $"{overflow.Message} Resubscribe to continue.")));
                break;
            case OperationCanceledException:
                _done.TrySetCanceled(callToken);
                break;
            default:
                _done.TrySetException(error);
                break;
        }
    }
}
