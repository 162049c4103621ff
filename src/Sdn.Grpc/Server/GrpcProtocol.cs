namespace Sdn.Grpc;

/// <summary>Header names and values of PROTOCOL-HTTP2.md used by both ends.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string Identity = "identity";

    /// <summary>Content-Type "application/grpc" optionally followed by "+subtype" or ";params".</summary>
    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');
}
