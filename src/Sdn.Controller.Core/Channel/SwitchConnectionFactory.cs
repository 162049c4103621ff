using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;

namespace Sdn.Controller.Channel;

/// <summary>Creates <see cref="SwitchConnection"/>s with the controller's shared services (DI singleton).</summary>
public sealed class SwitchConnectionFactory(
    IOptions<ControllerOptions> options,
    TimeProvider clock,
    AppDispatcher dispatcher,
    SwitchRegistry registry,
    ILoggerFactory loggers)
{
    /// <summary>
    /// Versions this controller negotiates, highest preferred: OpenFlow 1.3 and 1.0 (the HELLO bitmap offers both;
    /// a switch that offers both gets 1.3, a 1.0-only switch 1.0).
    /// </summary>
    public static readonly IReadOnlyList<OfpVersion> SupportedVersions = [OfpVersion.OpenFlow13, OfpVersion.OpenFlow10];

    /// <summary>Wraps one accepted transport.</summary>
    /// <param name="connectionId">Transport id, for logs.</param>
    /// <param name="remote">Peer address, when known.</param>
    /// <param name="input">Bytes from the switch.</param>
    /// <param name="output">Bytes to the switch.</param>
    /// <param name="abortTransport">Tears the transport down at once (for a peer that stopped reading); null when the pipes are all there is.</param>
    public SwitchConnection Create(string connectionId, IPEndPoint? remote, PipeReader input, PipeWriter output, Action<string>? abortTransport = null) =>
        new(connectionId, remote, input, output, options.Value, SupportedVersions, clock, dispatcher, registry, loggers.CreateLogger<SwitchConnection>(), abortTransport);
}
