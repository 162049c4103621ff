namespace Sdn.Grpc;

/// <summary>
/// The status a handler's exception ends the call with: an <see cref="RpcException"/> its own status; a cancellation
/// the reason the call's token fired (DEADLINE_EXCEEDED, CANCELLED, UNAVAILABLE while stopping); anything else
/// INTERNAL with a generic text (the exception is logged, never sent).
/// </summary>
internal static class ServerStatusMapper
{
    public const string InternalDetail = "Exception was thrown by handler.";

    public static Status FromException(Exception exception, CallEndReason reason) => exception switch
    {
        RpcException rpc => rpc.Status,
        _ when reason == CallEndReason.DeadlineExceeded => new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"),
        _ when reason == CallEndReason.ClientCancelled => new Status(StatusCode.Cancelled, "Call cancelled by the client."),
        OperationCanceledException when reason == CallEndReason.ServerStopping => new Status(StatusCode.Unavailable, "Server is shutting down."),
        _ => new Status(StatusCode.Internal, InternalDetail),
    };
}
