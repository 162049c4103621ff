namespace Sdn.Grpc.Tests;

public class StatusMappingTests
{
    [Fact]
    public void Status_codes_have_the_spec_values()
    {
        Assert.Equal(17, Enum.GetValues<StatusCode>().Length);
        Assert.Equal(0, (int)StatusCode.OK);
        Assert.Equal(4, (int)StatusCode.DeadlineExceeded);
        Assert.Equal(8, (int)StatusCode.ResourceExhausted);
        Assert.Equal(12, (int)StatusCode.Unimplemented);
        Assert.Equal(13, (int)StatusCode.Internal);
        Assert.Equal(16, (int)StatusCode.Unauthenticated);
    }

    [Fact]
    public void RpcException_keeps_its_status()
    {
        var ex = new RpcException(StatusCode.NotFound, "no such switch");
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("no such switch", ex.Status.Detail);
        Assert.Contains("no such switch", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, StatusCode.Internal)] // CallEndReason.None
    [InlineData(1, StatusCode.DeadlineExceeded)]
    [InlineData(2, StatusCode.Cancelled)]
    [InlineData(3, StatusCode.Unavailable)]
    public void Cancellation_maps_by_why_the_token_fired(int reason, StatusCode expected) =>
        Assert.Equal(expected, ServerStatusMapper.FromException(new OperationCanceledException(), (CallEndReason)reason).Code);

    [Fact]
    public void RpcException_wins_and_other_exceptions_are_internal_without_their_text()
    {
        Assert.Equal(new Status(StatusCode.NotFound, "x"),
            ServerStatusMapper.FromException(new RpcException(StatusCode.NotFound, "x"), CallEndReason.DeadlineExceeded));
        var status = ServerStatusMapper.FromException(new InvalidOperationException("secret"), CallEndReason.None);
        Assert.Equal(StatusCode.Internal, status.Code);
        Assert.DoesNotContain("secret", status.Detail, StringComparison.Ordinal);
        // A plain exception while stopping is still a bug in the handler, not UNAVAILABLE.
        Assert.Equal(StatusCode.Internal, ServerStatusMapper.FromException(new InvalidOperationException(), CallEndReason.ServerStopping).Code);
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(415, StatusCode.Unknown)]
    public void Http_status_without_grpc_status(int http, StatusCode expected) =>
        Assert.Equal(expected, HttpStatusMapping.ToStatusCode(http));

    [Theory]
    [InlineData(0L, StatusCode.Internal)]
    [InlineData(1L, StatusCode.Internal)]
    [InlineData(7L, StatusCode.Unavailable)]
    [InlineData(8L, StatusCode.Cancelled)]
    [InlineData(11L, StatusCode.ResourceExhausted)]
    [InlineData(12L, StatusCode.PermissionDenied)]
    public void Rst_stream_codes(long code, StatusCode expected) =>
        Assert.Equal(expected, Http2ErrorMapping.ToStatusCode(code));
}
