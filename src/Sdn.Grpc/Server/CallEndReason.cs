namespace Sdn.Grpc;

/// <summary>Why a call's token fired, if it did.</summary>
internal enum CallEndReason
{
    None,
    DeadlineExceeded,
    ClientCancelled,
    ServerStopping,
}
