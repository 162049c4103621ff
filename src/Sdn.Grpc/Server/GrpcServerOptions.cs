namespace Sdn.Grpc;

/// <summary>Limits and encodings of the gRPC server (bound by the host, e.g. from a "Grpc" configuration section).</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Default receive and send limit: 4 MiB, as in other gRPC runtimes.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted, in bytes (after decompression). Larger ones end the call with
    /// RESOURCE_EXHAUSTED before their body is buffered.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Largest response message sent, in bytes; a handler returning a larger one ends the call with
    /// RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Accept requests whose grpc-encoding is gzip (responses are always sent uncompressed, identity).
    /// When false such requests end with UNIMPLEMENTED and a grpc-accept-encoding header, as the compression
    /// spec asks.</summary>
    public bool EnableGzipRequests { get; set; } = true;

    /// <summary>Compress responses. Not supported: must stay false (responses are always identity).</summary>
    public bool ResponseCompression { get; set; }
}
