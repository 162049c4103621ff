using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sdn.Grpc;

/// <summary>Kestrel settings a gRPC endpoint needs: HTTP/2 only (h2c, prior knowledge) and many streams per connection.</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>Concurrent streams allowed per HTTP/2 connection by <see cref="ListenGrpc"/> (Kestrel's default of
    /// 100 starves long-lived watch streams).</summary>
    public const int DefaultMaxStreamsPerConnection = 1000;

    /// <summary>Makes the endpoint HTTP/2 only, so clients without TLS connect with prior knowledge (h2c).</summary>
    /// <param name="listen">The endpoint.</param>
    /// <returns>The same endpoint.</returns>
    public static ListenOptions UseGrpcHttp2(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Protocols = HttpProtocols.Http2;
        return listen;
    }

    /// <summary>Raises Kestrel's HTTP/2 stream limit (server-wide) to at least <paramref name="maxStreamsPerConnection"/>.</summary>
    /// <param name="kestrel">Kestrel's options.</param>
    /// <param name="maxStreamsPerConnection">Concurrent streams per connection.</param>
    /// <returns>The same options.</returns>
    public static KestrelServerOptions RaiseGrpcStreamLimit(this KestrelServerOptions kestrel, int maxStreamsPerConnection = DefaultMaxStreamsPerConnection)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var http2 = kestrel.Limits.Http2;
        http2.MaxStreamsPerConnection = Math.Max(http2.MaxStreamsPerConnection, maxStreamsPerConnection);
        return kestrel;
    }

    /// <summary>Listens for gRPC (h2c) on <paramref name="address"/>:<paramref name="port"/> and raises the stream limit.</summary>
    /// <param name="kestrel">Kestrel's options.</param>
    /// <param name="address">Address to bind, for example <see cref="IPAddress.Loopback"/>.</param>
    /// <param name="port">TCP port; 0 picks a free one.</param>
    /// <param name="maxStreamsPerConnection">Concurrent streams per connection.</param>
    /// <returns>The same options.</returns>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions kestrel, IPAddress address, int port, int maxStreamsPerConnection = DefaultMaxStreamsPerConnection)
    {
        kestrel.RaiseGrpcStreamLimit(maxStreamsPerConnection);
        kestrel.Listen(address, port, listen => listen.UseGrpcHttp2());
        return kestrel;
    }
}
