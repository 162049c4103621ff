using Sdn.Testing;
using System.Text.Json;
using Xunit.Abstractions;

namespace Sdn.Grpc.Tests;

/// <summary>
/// A gRPC client nobody here wrote: Debian's python3-grpcio runs python/conformance.py against the echo server.
/// Never skips: a machine without python3-grpcio fails this test (scripts/test.sh installs it).
/// </summary>
public class PythonConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Python_grpcio_client_sees_every_status_deadline_cancellation_and_health()
    {
        var probe = await PythonProcess.RunAsync("-c \"import grpc, google.protobuf\"", TimeSpan.FromSeconds(30));
        Assert.True(probe.ExitCode == 0,
            "Debian's python3-grpcio is required for the gRPC conformance test and is missing: install it with "
            + "'apt-get install -y python3-grpcio python3-protobuf' (scripts/test.sh does). " + probe.Stderr);

        await using var server = await EchoServer.StartAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "python", "conformance.py");
        var run = await PythonProcess.RunAsync($"\"{script}\" {server.Address.Authority}", TimeSpan.FromSeconds(90));
        output.WriteLine(run.Stdout);
        output.WriteLine(run.Stderr);
        Assert.True(run.ExitCode == 0, $"conformance.py exited with {run.ExitCode}: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        var r = json.RootElement;
        string Code(string name) => r.GetProperty(name).GetProperty("code").GetString()!;
        string Str(string name, string field) => r.GetProperty(name).GetProperty(field).GetString()!;

        Assert.Equal("OK", Code("echo"));
        Assert.Equal("héllo", Str("echo", "text"));
        Assert.Equal(3, r.GetProperty("echo").GetProperty("payload_len").GetInt32());

        Assert.Equal("NOT_FOUND", Code("fail_not_found"));
        Assert.Equal("no such switch", Str("fail_not_found", "details"));
        Assert.Equal("INVALID_ARGUMENT", Code("fail_unicode"));
        Assert.Equal("priorité ✓ 100% 日本\nline 2", Str("fail_unicode", "details"));
        Assert.Equal("INTERNAL", Code("internal"));
        Assert.DoesNotContain("secret", Str("internal", "details"), StringComparison.Ordinal);

        Assert.Equal("DEADLINE_EXCEEDED", Code("deadline"));
        Assert.True(r.GetProperty("deadline").GetProperty("seconds").GetDouble() < 5);
        await server.WaitForEventAsync("sleep:cancelled", TimeSpan.FromSeconds(5));

        Assert.Equal("OK", Code("count"));
        Assert.Equal([0, 1, 2, 3, 4], r.GetProperty("count").GetProperty("items").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("CANCELLED", Code("count_cancel"));
        Assert.Equal(3, r.GetProperty("count_cancel").GetProperty("items").GetArrayLength());
        await server.WaitForEventAsync("count:cancelled", TimeSpan.FromSeconds(5));
        Assert.Equal("DEADLINE_EXCEEDED", Code("count_deadline"));
        Assert.InRange(r.GetProperty("count_deadline").GetProperty("items").GetArrayLength(), 1, 20);

        Assert.Equal("UNIMPLEMENTED", Code("unimplemented_method"));
        Assert.Equal("UNIMPLEMENTED", Code("unimplemented_service"));
        Assert.Equal("RESOURCE_EXHAUSTED", Code("too_large"));
        Assert.Equal("OK", Code("gzip"));
        Assert.Equal(30000, r.GetProperty("gzip").GetProperty("payload_len").GetInt32());

        Assert.Equal("OK", Code("health_check"));
        Assert.Equal("SERVING", Str("health_check", "status"));
        Assert.Equal("NOT_FOUND", Code("health_check_unknown"));
        Assert.Equal("OK", Code("health_watch"));
        Assert.Equal("SERVING", Str("health_watch", "status"));
        Assert.Equal("OK", Code("reflection"));
        var reflection = r.GetProperty("reflection");
        Assert.Equal(4, reflection.GetProperty("responses").GetInt32());
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "sdn.test.echo.Echo"],
            reflection.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Protos/echo.proto"], reflection.GetProperty("symbol_files").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Count", reflection.GetProperty("echo_methods").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((int)StatusCode.NotFound, reflection.GetProperty("unknown_error_code").GetInt32());
        Assert.Contains("no.such.Symbol", reflection.GetProperty("unknown_error_message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["grpc/health/v1/health.proto"], reflection.GetProperty("file_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("OK", Code("reflection_interleaved"));
        var interleaved = r.GetProperty("reflection_interleaved");
        Assert.Equal(["grpc/health/v1/health.proto"], interleaved.GetProperty("first_files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, interleaved.GetProperty("second_services").GetInt32());
        Assert.Equal(0, interleaved.GetProperty("after_half_close").GetInt32());
        Assert.Equal("OK", Code("echo_after_errors"));
    }
}
