using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sdn.Grpc;

/// <summary>What every call of the server shares: options, logger, the application-stopping token, the mapped services.</summary>
internal sealed class GrpcServerRuntime
{
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private readonly HashSet<object> _unimplementedMapped = new(ReferenceEqualityComparer.Instance);

    public GrpcServerRuntime(IOptions<GrpcServerOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        Options = options.Value;
        if (Options.ResponseCompression)
        {
            throw new InvalidOperationException("GrpcServerOptions.ResponseCompression is not supported: responses are always sent uncompressed.");
        }

        if (Options.MaxReceiveMessageSize < 0 || Options.MaxSendMessageSize < 0)
        {
            throw new InvalidOperationException("GrpcServerOptions message size limits must not be negative.");
        }

        Stopping = lifetime.ApplicationStopping;
        Logger = loggers.CreateLogger("Sdn.Grpc.Server");
        AcceptEncoding = Options.EnableGzipRequests ? "identity,gzip" : "identity";
    }

    public GrpcServerOptions Options { get; }

    public CancellationToken Stopping { get; }

    public ILogger Logger { get; }

    /// <summary>Value of grpc-accept-encoding on every response.</summary>
    public string AcceptEncoding { get; }

    public bool IsKnownService(string service)
    {
        lock (_services)
        {
            return _services.Contains(service);
        }
    }

    /// <summary>The mapped services' full names (a copy).</summary>
    public IReadOnlyList<string> Services
    {
        get
        {
            lock (_services)
            {
                return [.. _services];
            }
        }
    }

    public void AddService(string service)
    {
        lock (_services)
        {
            _services.Add(service);
        }
    }

    /// <summary>True the first time for a given route builder: the UNIMPLEMENTED fallback is mapped once per builder.</summary>
    public bool MarkUnimplementedMapped(object endpoints)
    {
        lock (_unimplementedMapped)
        {
            return _unimplementedMapped.Add(endpoints);
        }
    }
}
