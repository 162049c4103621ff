using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace Sdn.Grpc;

/// <summary>
/// gRPC server reflection (grpc.reflection.v1.ServerReflection/ServerReflectionInfo, doc/server-reflection.md in
/// grpc/grpc; also answered under the older name grpc.reflection.v1alpha, whose messages are the same on the wire).
/// One response per request, in order, on a bidirectional stream:
/// list_services: every mapped service (the v1alpha alias left out);
/// file_by_filename, file_containing_symbol: the file's serialized FileDescriptorProto, then those of its imports,
/// transitively (all of them every time: the spec allows leaving out those sent earlier, it does not require it);
/// file_containing_extension: NOT_FOUND (the described files are proto3: no extensions);
/// all_extension_numbers_of_type: the type with no numbers, NOT_FOUND for an unknown type;
/// unknown names: error_response with NOT_FOUND; a request with nothing set: error_response with INVALID_ARGUMENT.
/// Mapped with <see cref="ReflectionEndpointRouteBuilderExtensions.MapGrpcReflectionService"/>.
/// </summary>
internal sealed class ReflectionService(GrpcServerRuntime runtime, DescriptorIndex index)
{
    /// <summary>The service name (v1).</summary>
    public const string ServiceName = "grpc.reflection.v1.ServerReflection";

    /// <summary>The pre-v1 name, served with the same messages.</summary>
    public const string AlphaServiceName = "grpc.reflection.v1alpha.ServerReflection";

    /// <summary>Answers each request of the stream as it arrives, until the client half-closes.</summary>
    public async Task ServeAsync(IAsyncEnumerable<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(Answer(request), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The response to one request (never throws for a bad name: that is an error_response).</summary>
    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(runtime.Services.Where(s => s != AlphaServiceName).Order(StringComparer.Ordinal)
                    .Select(s => new ServiceResponse { Name = s }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var ext = request.FileContainingExtension;
                SetError(response, StatusCode.NotFound, $"Extension not found: {ext.ContainingType} {ext.ExtensionNumber}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (index.IsMessage(request.AllExtensionNumbersOfType))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                else
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }

                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "No message_request set in the ServerReflectionRequest.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(DescriptorIndex.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
