using System.Threading.Channels;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Mapping;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Services;

/// <summary><c>sdn.controller.v1.Events</c>: WatchEvents over the controller's event bus.</summary>
public sealed class EventsGrpcService(EventBus bus)
{
    // Each event is turned into its message once, however many subscribers stream it (messages are never mutated
    // after creation, so concurrent streams may serialise the same instance).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ControllerEvent, Event?> _messages = [];

    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "sdn.controller.v1.Events";

    /// <summary>Queue capacity per subscriber (events); a subscriber further behind is cut off with RESOURCE_EXHAUSTED.</summary>
    public const int QueueCapacity = 1024;

    /// <summary>Streams events until the client cancels or the controller stops; RESOURCE_EXHAUSTED when the subscriber falls behind.</summary>
    public async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<Event> stream, ServerCallContext context)
    {
        if (request.Kinds.Any(k => !Enum.IsDefined(k) || k == EventKind.Unspecified))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"kinds: unknown event kind {request.Kinds.First(k => !Enum.IsDefined(k) || k == EventKind.Unspecified)}"));
        }

        var kinds = request.Kinds.ToHashSet();
        using var subscription = bus.Subscribe(QueueCapacity, e => Message(e) is { } p && (kinds.Count == 0 || kinds.Contains(p.Kind)));
        try
        {
            await foreach (var evt in subscription.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (Message(evt) is { } message)
                {
                    await stream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (ChannelClosedException ex) when (ex.InnerException is EventSubscriberOverflowException overflow)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{overflow.Message} Resubscribe to continue."));
        }
        catch (EventSubscriberOverflowException overflow)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{overflow.Message} Resubscribe to continue."));
        }
    }

    private Event? Message(ControllerEvent e) => _messages.GetValue(e, static evt => evt.ToProto());
}
