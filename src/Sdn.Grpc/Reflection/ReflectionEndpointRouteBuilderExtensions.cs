using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sdn.Grpc;

/// <summary>Maps gRPC server reflection.</summary>
public static class ReflectionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps grpc.reflection.v1.ServerReflection/ServerReflectionInfo and the same method under
    /// grpc.reflection.v1alpha (bidirectional streams). Clients such as grpcurl then discover the services and
    /// their messages. The files of grpc.health.v1 and of reflection itself are always described; imports of the
    /// given files are found through them.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="files">The generated descriptors of the served protos, for example <c>TopologyReflection.Descriptor</c>.</param>
    /// <returns>The builder of the v1 service.</returns>
    /// <exception cref="InvalidOperationException"><see cref="GrpcServiceCollectionExtensions.AddGrpcLayer"/> was not called.</exception>
    public static GrpcServiceBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints, params IEnumerable<FileDescriptor> files)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(files);
        var runtime = endpoints.ServiceProvider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcLayer() before mapping gRPC services.");
        var index = new DescriptorIndex([.. files, HealthReflection.Descriptor, ReflectionReflection.Descriptor]);
        var service = new ReflectionService(runtime, index);
        endpoints.MapGrpcService(ReflectionService.AlphaServiceName)
            .DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", service.ServeAsync);
        return endpoints.MapGrpcService(ReflectionService.ServiceName)
            .DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", service.ServeAsync);
    }
}
