using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace Sdn.Grpc.Tests;

/// <summary>Server reflection (grpc.reflection.v1 and v1alpha) through the project's own duplex client.</summary>
public class ReflectionTests
{
    private const string V1 = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
    private const string V1Alpha = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

    [Fact]
    public async Task One_stream_answers_list_symbol_file_and_unknown_names_in_order()
    {
        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = server.CreateClient().DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>(V1, ServerReflectionResponse.Parser, ct: cts.Token);

        var list = await AskAsync(call, new ServerReflectionRequest { Host = "h", ListServices = "" });
        Assert.Equal("h", list.ValidHost);
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "sdn.test.echo.Echo"],
            list.ListServicesResponse.Service.Select(s => s.Name));

        foreach (var symbol in new[] { "sdn.test.echo.Echo", "sdn.test.echo.Echo.Chat", "sdn.test.echo.CountRequest", "sdn.test.echo.CountRequest.interval_ms" })
        {
            var r = await AskAsync(call, new ServerReflectionRequest { FileContainingSymbol = symbol });
            Assert.Equal(symbol, r.OriginalRequest.FileContainingSymbol);
            Assert.Equal(["Protos/echo.proto"], Files(r).Select(f => f.Name));
        }

        var nested = await AskAsync(call, new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus" });
        Assert.Equal(["grpc/health/v1/health.proto"], Files(nested).Select(f => f.Name));

        var file = await AskAsync(call, new ServerReflectionRequest { FileByFilename = "grpc/reflection/v1/reflection.proto" });
        var proto = Assert.Single(Files(file));
        Assert.Equal("grpc.reflection.v1", proto.Package);
        Assert.Equal("ServerReflectionInfo", Assert.Single(Assert.Single(proto.Service).Method).Name);

        var unknownSymbol = await AskAsync(call, new ServerReflectionRequest { FileContainingSymbol = "no.such.Thing" });
        Assert.Equal((int)StatusCode.NotFound, unknownSymbol.ErrorResponse.ErrorCode);
        Assert.Contains("no.such.Thing", unknownSymbol.ErrorResponse.ErrorMessage, StringComparison.Ordinal);
        var unknownFile = await AskAsync(call, new ServerReflectionRequest { FileByFilename = "nope.proto" });
        Assert.Equal((int)StatusCode.NotFound, unknownFile.ErrorResponse.ErrorCode);
        var extension = await AskAsync(call, new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "sdn.test.echo.Empty", ExtensionNumber = 100 } });
        Assert.Equal((int)StatusCode.NotFound, extension.ErrorResponse.ErrorCode);
        var numbers = await AskAsync(call, new ServerReflectionRequest { AllExtensionNumbersOfType = "sdn.test.echo.Empty" });
        Assert.Equal("sdn.test.echo.Empty", numbers.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(numbers.AllExtensionNumbersResponse.ExtensionNumber);
        var nothing = await AskAsync(call, new ServerReflectionRequest { Host = "x" });
        Assert.Equal((int)StatusCode.InvalidArgument, nothing.ErrorResponse.ErrorCode);

        call.CompleteRequests();
        Assert.Null(await call.ReadNextAsync());
    }

    [Fact]
    public async Task File_by_name_comes_with_its_imports_transitively_and_the_v1alpha_name_answers_too()
    {
        // The protos served here import nothing; api.proto imports type.proto and source_context.proto, and
        // type.proto imports any.proto.
        var index = new DescriptorIndex([Google.Protobuf.WellKnownTypes.ApiReflection.Descriptor]);
        var names = DescriptorIndex.WithDependencies(index.FindFile("google/protobuf/api.proto")!)
            .Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();
        Assert.Equal("google/protobuf/api.proto", names[0]);
        Assert.Equal(
            ["google/protobuf/any.proto", "google/protobuf/api.proto", "google/protobuf/source_context.proto", "google/protobuf/type.proto"],
            names.Order(StringComparer.Ordinal));
        Assert.NotNull(index.FindSymbol("google.protobuf.Method"));
        Assert.NotNull(index.FindSymbol("google.protobuf.Any")); // declared in an import, indexed too

        await using var server = await EchoServer.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = server.CreateClient().DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>(V1Alpha, ServerReflectionResponse.Parser, ct: cts.Token);
        var r = await AskAsync(call, new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health.Watch" });
        Assert.Equal(["grpc/health/v1/health.proto"], Files(r).Select(f => f.Name));
    }

    private static async Task<ServerReflectionResponse> AskAsync(GrpcDuplexCall<ServerReflectionRequest, ServerReflectionResponse> call, ServerReflectionRequest request)
    {
        await call.WriteAsync(request);
        return await call.ReadNextAsync() ?? throw new InvalidOperationException("the reflection stream ended early");
    }

    private static IEnumerable<FileDescriptorProto> Files(ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b));
}
