using System.Net;

namespace Sdn.Controller.Northbound;

/// <summary>
/// The <c>Northbound</c> configuration section: the gRPC API endpoint and the policy database, e.g.
/// <c>"Northbound": { "GrpcEndpoint": "127.0.0.1:50051", "PolicyDatabase": "/var/lib/sdn-controller/policies.db" }</c>.
/// </summary>
public sealed class NorthboundOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Northbound";

    /// <summary>
    /// <c>IP:port</c> of the gRPC API (HTTP/2 without TLS, "h2c"). Default <c>127.0.0.1:50051</c> (loopback: the API
    /// has no authentication); empty turns the gRPC listener off.
    /// </summary>
    public string GrpcEndpoint { get; set; } = "127.0.0.1:50051";

    /// <summary>
    /// SQLite file holding the policies. Default <c>$XDG_STATE_HOME/sdn-controller/policies.db</c>
    /// (<c>~/.local/state/sdn-controller/policies.db</c> when XDG_STATE_HOME is unset).
    /// </summary>
    public string PolicyDatabase { get; set; } = DefaultPolicyDatabase();

    /// <summary>The parsed gRPC endpoint, or null when off.</summary>
    public IPEndPoint? ParsedGrpcEndpoint() => string.IsNullOrWhiteSpace(GrpcEndpoint) ? null : IPEndPoint.Parse(GrpcEndpoint);

    /// <summary>Checks the settings; one message per problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(GrpcEndpoint) && !(IPEndPoint.TryParse(GrpcEndpoint, out var ep) && ep.Port != 0))
        {
            errors.Add($"Northbound:GrpcEndpoint must be IP:port (e.g. 127.0.0.1:50051) or empty (was '{GrpcEndpoint}').");
        }

        if (string.IsNullOrWhiteSpace(PolicyDatabase))
        {
            errors.Add("Northbound:PolicyDatabase must name a file.");
        }

        return errors;
    }

    private static string DefaultPolicyDatabase()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrWhiteSpace(state))
        {
            state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(state, "sdn-controller", "policies.db");
    }
}
