namespace Sdn.Grpc;

/// <summary>
/// A call ended with a non-OK <see cref="Grpc.Status"/>. Thrown by handlers to return that status to the client,
/// and by <see cref="GrpcClient"/> when the server returned one.
/// </summary>
/// <param name="status">The status of the call.</param>
public sealed class RpcException(Status status) : Exception(status.ToString())
{
    /// <summary>Creates the exception from a code and detail text.</summary>
    /// <param name="code">The status code.</param>
    /// <param name="detail">The detail text (sent as <c>grpc-message</c>).</param>
    public RpcException(StatusCode code, string detail) : this(new Status(code, detail))
    {
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; } = status;

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.Code;
}
