namespace Sdn.Grpc;

/// <summary>
/// gRPC status for a stream reset by the peer (PROTOCOL-HTTP2.md "Errors": the RST_STREAM error code table).
/// </summary>
public static class Http2ErrorMapping
{
    /// <summary>Maps an HTTP/2 RST_STREAM error code received from a server to a gRPC status code.</summary>
    /// <param name="errorCode">The HTTP/2 error code.</param>
    /// <returns>The gRPC code.</returns>
    public static StatusCode ToStatusCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable, // REFUSED_STREAM: nothing was processed
        0x8 => StatusCode.Cancelled, // CANCEL
        0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
        _ => StatusCode.Internal, // NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, ...
    };
}
