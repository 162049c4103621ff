namespace Sdn.Grpc;

/// <summary>
/// Status to synthesize when a response is not a gRPC response (PROTOCOL-HTTP2.md "Responses": implementations
/// must synthesize a Status for non-200 replies; codes per http-grpc-status-mapping.md).
/// </summary>
public static class HttpStatusMapping
{
    /// <summary>Maps an HTTP status of a reply without grpc-status to a gRPC status code.</summary>
    /// <param name="httpStatus">The HTTP status code.</param>
    /// <returns>The gRPC code.</returns>
    public static StatusCode ToStatusCode(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
