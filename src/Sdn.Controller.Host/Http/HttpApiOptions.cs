using System.Net;

namespace Sdn.Controller.Host.Http;

/// <summary>
/// The <c>Api</c> configuration section: the read-only JSON status API (topology, paths, counters) for people and
/// lab scripts, e.g. <c>curl http://127.0.0.1:8080/v1/topology</c>.
/// </summary>
public sealed class HttpApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Api";

    /// <summary>
    /// <c>IP:port</c> for the JSON API (HTTP/1.1). Default <c>127.0.0.1:8080</c> (loopback only: the API has no
    /// authentication); empty turns it off.
    /// </summary>
    public string HttpEndpoint { get; set; } = "127.0.0.1:8080";

    /// <summary>The parsed endpoint, or null when the API is off.</summary>
    /// <exception cref="FormatException">Not an <c>IP:port</c>.</exception>
    public IPEndPoint? ParsedEndpoint() => string.IsNullOrWhiteSpace(HttpEndpoint) ? null : IPEndPoint.Parse(HttpEndpoint);

    /// <summary>Checks the settings; one message per problem.</summary>
    public IReadOnlyList<string> Validate() =>
        string.IsNullOrWhiteSpace(HttpEndpoint) || (IPEndPoint.TryParse(HttpEndpoint, out var ep) && ep.Port != 0)
            ? []
            : [$"Api:HttpEndpoint must be IP:port (e.g. 127.0.0.1:8080) or empty (was '{HttpEndpoint}')."];
}
