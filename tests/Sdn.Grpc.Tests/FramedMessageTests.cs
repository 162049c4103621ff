using System.Buffers;
using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

/// <summary>Pre-serialized messages (<see cref="FramedMessage{T}"/>) and buffered writes with one flush.</summary>
public class FramedMessageTests
{
    [Fact]
    public void Framed_bytes_are_the_prefix_and_message_a_writer_would_produce()
    {
        var reply = new EchoReply { Text = "hello", Payload = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) };
        var expected = new ArrayBufferWriter<byte>();
        LengthPrefixedMessageWriter.Write(expected, reply, reply.CalculateSize());
        var framed = FramedMessage<EchoReply>.Create(reply);
        Assert.Equal(expected.WrittenSpan.ToArray(), framed.Bytes.ToArray());
        Assert.Equal(reply.CalculateSize(), framed.PayloadLength);
        Assert.Same(reply, framed.Message);
    }

    [Fact]
    public async Task Buffered_framed_messages_all_arrive_in_order_after_one_flush()
    {
        await using var server = await EchoServer.StartAsync();
        var got = new List<int>();
        await foreach (var m in server.CreateClient().ServerStreamingAsync("/sdn.test.echo.Echo/CountFramed", new CountRequest { N = 500 }, CountReply.Parser))
        {
            got.Add(m.I);
        }

        Assert.Equal(Enumerable.Range(0, 500), got);
    }

    [Fact]
    public async Task Framed_message_over_the_send_limit_ends_the_call_with_resource_exhausted()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxSendMessageSize = 1);
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in server.CreateClient().ServerStreamingAsync("/sdn.test.echo.Echo/CountFramed", new CountRequest { N = 3 }, CountReply.Parser))
            {
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }
}
