using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Sdn.Grpc.Tests.Echo;

namespace Sdn.Grpc.Tests;

/// <summary>
/// Messages that arrive together (one read of the response body holds several Length-Prefixed-Messages) must each be
/// delivered at once, not held back until more bytes arrive. Found in lab 05: <c>sdnctl watch</c> printed the first
/// LINK_DOWN of a link cut and nothing else until the next event, because the reader marked the whole buffer examined.
/// </summary>
public class StreamingBatchTests
{
    [Fact]
    public async Task Messages_received_in_one_read_are_all_delivered_without_waiting_for_more_data()
    {
        var body = new ArrayBufferWriter<byte>();
        foreach (var i in new[] { 1, 2, 3 })
        {
            var reply = new CountReply { I = i };
            LengthPrefixedMessageWriter.Write(body, reply, reply.CalculateSize());
        }

        using var http = new HttpClient(new OneChunkThenSilence(body.WrittenMemory.ToArray())) { BaseAddress = new Uri("http://127.0.0.1:1") };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var e = new GrpcClient(http)
            .ServerStreamingAsync("/sdn.test.echo.Echo/Count", new CountRequest { N = 3 }, CountReply.Parser, ct: cts.Token)
            .GetAsyncEnumerator(cts.Token);
        var got = new List<int>();
        Task<bool> next = Task.FromResult(false);
        try
        {
            for (var n = 0; n < 3; n++)
            {
                next = e.MoveNextAsync().AsTask();
                Assert.True(await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(3))) == next, $"message {n + 1} of 3 held back (got {string.Join(",", got)})");
                Assert.True(await next);
                got.Add(e.Current.I);
            }
        }
        finally
        {
            // End the silent stream; a pending read ends with the cancellation before the enumerator is disposed.
            await cts.CancelAsync();
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(5)));
            if (next.IsCompleted)
            {
                await e.DisposeAsync();
            }
        }

        Assert.Equal([1, 2, 3], got);
    }

    /// <summary>A gRPC response whose body is one chunk, then nothing (the stream stays open, like a quiet WatchEvents).</summary>
    private sealed class OneChunkThenSilence(byte[] chunk) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new SilentAfter(chunk));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, Version = HttpVersion.Version20 });
        }
    }

    private sealed class SilentAfter(byte[] chunk) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                chunk.CopyTo(buffer);
                return chunk.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
