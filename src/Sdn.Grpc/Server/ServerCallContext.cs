using Microsoft.AspNetCore.Http;

namespace Sdn.Grpc;

/// <summary>What a handler knows about the call it serves.</summary>
/// <param name="method">The full method path, for example "/sdn.controller.v1.Topology/ListSwitches".</param>
/// <param name="deadline">The deadline from grpc-timeout (UTC), or null for none.</param>
/// <param name="cancellationToken">Fires when the client cancels or goes away, the deadline passes, or the
/// application stops.</param>
/// <param name="requestHeaders">The request headers (custom metadata included).</param>
/// <param name="peer">The client address, for example "ipv4:127.0.0.1:51234".</param>
public sealed class ServerCallContext(string method, DateTime? deadline, CancellationToken cancellationToken, IHeaderDictionary requestHeaders, string peer)
{
    /// <summary>The full method path, for example "/sdn.controller.v1.Topology/ListSwitches".</summary>
    public string Method { get; } = method;

    /// <summary>The deadline from grpc-timeout (UTC), or null for none.</summary>
    public DateTime? Deadline { get; } = deadline;

    /// <summary>Fires when the client cancels or goes away, the deadline passes, or the application stops.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The request headers (custom metadata included).</summary>
    public IHeaderDictionary RequestHeaders { get; } = requestHeaders;

    /// <summary>The client address, for example "ipv4:127.0.0.1:51234".</summary>
    public string Peer { get; } = peer;
}
