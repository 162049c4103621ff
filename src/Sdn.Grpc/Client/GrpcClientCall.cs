using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Sdn.Grpc;

/// <summary>
/// One call from <see cref="GrpcClient"/>: sends the request (HTTP/2 only, prior knowledge), then reads response
/// messages and finally the status from the trailers, or from the headers of a Trailers-Only response.
/// </summary>
internal sealed class GrpcClientCall<TResponse> : IDisposable where TResponse : IMessage<TResponse>
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);

    private readonly GrpcClient _client;
    private readonly MessageParser<TResponse> _parser;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly DateTime? _deadline;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private bool _gzipResponse;

    public GrpcClientCall(GrpcClient client, MessageParser<TResponse> parser, DateTime? deadline, CancellationToken cancellationToken)
    {
        _client = client;
        _parser = parser;
        _callerToken = cancellationToken;
        _deadline = deadline;
        if (deadline is { } d)
        {
            _deadlineCts = new CancellationTokenSource();
            var left = d - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                _deadlineCts.Cancel();
            }
            else if (left.TotalMilliseconds < uint.MaxValue - 1)
            {
                _deadlineCts.CancelAfter(left);
            }
        }

        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadlineCts?.Token ?? CancellationToken.None);
    }

    /// <summary>Sends the request and checks the response headers.</summary>
    public async Task StartAsync(string method, IMessage request)
    {
        try
        {
            _cts.Token.ThrowIfCancellationRequested();
            using var message = BuildRequest(method, request);
            _response = await _client.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _cts.Token).ConfigureAwait(false);
            CheckHeaders(_response);
            _reader = PipeReader.Create(await _response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw MapException(ex);
        }
    }

    /// <summary>The next message, or null after the last one (the status was OK).</summary>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<TResponse?> ReadNextAsync()
    {
        try
        {
            return await ReadNextCoreAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw MapException(ex);
        }
    }

    public void Dispose()
    {
        // Disposing a response whose body was not read to the end resets the stream (RST_STREAM CANCEL).
        _response?.Dispose();
        _cts.Dispose();
        _deadlineCts?.Dispose();
    }

    private async Task<TResponse?> ReadNextCoreAsync()
    {
        var reader = _reader ?? throw new InvalidOperationException("The call has not started.");
        while (true)
        {
            var result = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            // Everything was looked at unless a message is returned: then the rest may hold more complete messages,
            // and marking it examined would make the next ReadAsync wait for new bytes (messages held back).
            var examined = buffer.End;
            try
            {
                var read = LengthPrefixedMessageReader.TryRead(ref buffer, _client.MaxReceiveMessageSize, out var frame);
                switch (read)
                {
                    case FrameReadResult.Message:
                        examined = buffer.Start;
                        return Parse(frame);
                    case FrameReadResult.InvalidCompressedFlag:
                        throw new RpcException(StatusCode.Internal, "Invalid Compressed-Flag in a response message.");
                    case FrameReadResult.MessageTooLarge:
                        throw new RpcException(StatusCode.ResourceExhausted,
                            $"Received message exceeds the maximum configured message size ({frame.Length} vs. {_client.MaxReceiveMessageSize}).");
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new RpcException(StatusCode.Internal, "Incomplete message: the response ended inside a Length-Prefixed-Message.");
                    }

                    // Trailers are known only now that the body has been read to the end.
                    if (!StatusHeaders.TryRead(_response!.TrailingHeaders, out var status))
                    {
                        throw new RpcException(StatusCode.Internal, "No grpc-status found on the response.");
                    }

                    return status.Code == StatusCode.OK ? default : throw new RpcException(status);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, examined);
            }
        }
    }

    private HttpRequestMessage BuildRequest(string method, IMessage request)
    {
        var size = request.CalculateSize();
        var body = new ArrayBufferWriter<byte>(LengthPrefixedMessageReader.PrefixSize + size);
        if (_client.CompressRequests)
        {
            LengthPrefixedMessageWriter.Write(body, GzipMessageCodec.Compress(request.ToByteArray()), compressed: true);
        }
        else
        {
            LengthPrefixedMessageWriter.Write(body, request, size);
        }

        var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.ContentType = GrpcContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        message.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncoding, "identity,gzip");
        if (_client.CompressRequests)
        {
            message.Headers.TryAddWithoutValidation(GrpcProtocol.Encoding, GzipMessageCodec.Name);
        }

        if (_deadline is { } d)
        {
            message.Headers.TryAddWithoutValidation(GrpcProtocol.Timeout, GrpcTimeout.Format(d - DateTime.UtcNow));
        }

        return message;
    }

    private void CheckHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // A proxy or a non-gRPC server; a status in the headers still wins (PROTOCOL-HTTP2.md "Responses").
            if (StatusHeaders.TryRead(response.Headers, out var s) && s.Code != StatusCode.OK)
            {
                throw new RpcException(s);
            }

            throw new RpcException(HttpStatusMapping.ToStatusCode((int)response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }

        if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.ToString()))
        {
            throw new RpcException(StatusCode.Unknown,
                $"Bad gRPC response. Invalid content-type value: {response.Content.Headers.ContentType}.");
        }

        // Trailers-Only: the status is in the headers.
        if (StatusHeaders.TryRead(response.Headers, out var status))
        {
            throw status.Code == StatusCode.OK
                ? new RpcException(StatusCode.Internal, "Trailers-Only response with status OK carries no message.")
                : new RpcException(status);
        }

        _gzipResponse = response.Headers.TryGetValues(GrpcProtocol.Encoding, out var enc)
            && enc.Any(e => e.Equals(GzipMessageCodec.Name, StringComparison.OrdinalIgnoreCase));
    }

    private TResponse Parse(in LengthPrefixedFrame frame)
    {
        try
        {
            if (!frame.Compressed)
            {
                return _parser.ParseFrom(frame.Payload);
            }

            if (!_gzipResponse)
            {
                throw new RpcException(StatusCode.Internal, "Compressed-Flag is set but the response has no supported grpc-encoding.");
            }

            return GzipMessageCodec.TryDecompress(frame.Payload, _client.MaxReceiveMessageSize, out var bytes)
                ? _parser.ParseFrom(bytes)
                : throw new RpcException(StatusCode.ResourceExhausted, "Decompressed response message exceeds the maximum configured message size.");
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to deserialize the response message.");
        }
    }

    private RpcException MapException(Exception ex)
    {
        if (_deadlineCts?.IsCancellationRequested == true)
        {
            return new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (_callerToken.IsCancellationRequested)
        {
            return new RpcException(StatusCode.Cancelled, "Call cancelled by the caller.");
        }

        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return new RpcException(Http2ErrorMapping.ToStatusCode(protocol.ErrorCode), $"Stream reset by the server (HTTP/2 error {protocol.ErrorCode}).");
            }
        }

        return ex is HttpRequestException or IOException
            ? new RpcException(StatusCode.Unavailable, $"Error connecting to the server: {ex.Message}")
            : new RpcException(StatusCode.Internal, $"Error in the gRPC call: {ex.GetType().Name}: {ex.Message}");
    }
}
