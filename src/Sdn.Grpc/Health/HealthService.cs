using System.Threading.Channels;
using Grpc.Health.V1;

namespace Sdn.Grpc;

/// <summary>
/// The standard health service, grpc.health.v1.Health (Check, Watch), backed by a table of service statuses. The
/// whole server (service "") starts SERVING; other services are unknown until <see cref="SetStatus"/> names them.
/// Registered as a singleton by <see cref="GrpcServiceCollectionExtensions.AddGrpcLayer"/> and mapped with
/// <see cref="HealthEndpointRouteBuilderExtensions.MapGrpcHealthService"/>.
/// </summary>
public sealed class HealthService
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    private readonly object _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Sets the status of a service and tells its watchers.</summary>
    /// <param name="service">Fully qualified service name, or "" for the whole server.</param>
    /// <param name="status">The new status.</param>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            _statuses[service] = status;
            if (_watchers.TryGetValue(service, out var list))
            {
                foreach (var channel in list)
                {
                    channel.Writer.TryWrite(status);
                }
            }
        }
    }

    /// <summary>The status of a service, or null when it is not known.</summary>
    /// <param name="service">Fully qualified service name, or "" for the whole server.</param>
    /// <returns>The status, or null.</returns>
    public ServingStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var s) ? s : null;
        }
    }

    internal Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        var status = GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Service '{request.Service}' is unknown.");
        return Task.FromResult(ToResponse(status));
    }

    internal async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> writer, ServerCallContext context)
    {
        // Only the latest status matters: a slow watcher skips intermediate ones.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(request.Service, out var s) ? s : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(request.Service, out var list))
            {
                _watchers[request.Service] = list = [];
            }

            list.Add(channel);
        }

        try
        {
            ServingStatus? last = null;
            await foreach (var status in channel.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status != last)
                {
                    await writer.WriteAsync(ToResponse(status), context.CancellationToken).ConfigureAwait(false);
                    last = status;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                var list = _watchers[request.Service];
                list.Remove(channel);
                if (list.Count == 0)
                {
                    _watchers.Remove(request.Service);
                }
            }
        }
    }

    private static HealthCheckResponse ToResponse(ServingStatus status) =>
        new() { Status = (HealthCheckResponse.Types.ServingStatus)(int)status };
}
