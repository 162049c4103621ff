using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Mapping;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Services;

/// <summary><c>sdn.controller.v1.Events</c>: WatchEvents over the controller's event bus.</summary>
public sealed class EventsGrpcService(EventBus bus)
{
    // Each event is turned into its message and serialized once (a framed gRPC message), however many subscribers
    // stream it: the first subscriber's filter does it, inside EventBus.Publish; the rest copy the bytes.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ControllerEvent, FramedMessage<Event>?> _framed = [];

    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "sdn.controller.v1.Events";

    /// <summary>Queue capacity per subscriber (events); a subscriber further behind is cut off with RESOURCE_EXHAUSTED.</summary>
    public const int QueueCapacity = 1024;

    /// <summary>Most events written to one stream per flush (the rest of a backlog follows in the next batch).</summary>
    public const int MaxEventsPerFlush = 64;

    /// <summary>
    /// Streams events until the client cancels or the controller stops; RESOURCE_EXHAUSTED when the subscriber falls
    /// behind. The subscription is in push mode (<see cref="EventStreamPump"/>): the subscribers woken by one event
    /// are served from one work item (one per core when there are many), and whatever is queued when a stream wakes up goes out with one flush (at most
    /// <see cref="MaxEventsPerFlush"/> events).
    /// </summary>
    public async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<Event> stream, ServerCallContext context)
    {
        if (request.Kinds.Any(k => !Enum.IsDefined(k) || k == EventKind.Unspecified))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"kinds: unknown event kind {request.Kinds.First(k => !Enum.IsDefined(k) || k == EventKind.Unspecified)}"));
        }

        var kinds = request.Kinds.ToHashSet();
        using var pump = new EventStreamPump(stream, Framed, context.CancellationToken);
        using var subscription = bus.Subscribe(QueueCapacity, e => Framed(e) is { } f && (kinds.Count == 0 || kinds.Contains(f.Message.Kind)), pump.Wake);
        pump.Start(subscription);
        await pump.Completion.ConfigureAwait(false);
    }

    private FramedMessage<Event>? Framed(ControllerEvent e) =>
        _framed.GetValue(e, static evt => evt.ToProto() is { } message ? FramedMessage<Event>.Create(message) : null);
}
