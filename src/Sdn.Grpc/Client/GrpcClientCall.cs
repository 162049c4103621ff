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
    private HttpRequestMessage? _request;
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
    public Task StartAsync(string method, IMessage request) => StartAsync(method, EncodeRequest(request));

    /// <summary>Sends a request with the given body (one framed message, or a stream of them) and checks the
    /// response headers; for a streaming body this completes when the server sends its headers, while the body
    /// is still being written.</summary>
    public async Task StartAsync(string method, HttpContent content)
    {
        try
        {
            _cts.Token.ThrowIfCancellationRequested();
            // Kept until the call ends: disposing the request disposes its content, which ends a streaming body.
            _request = BuildRequest(method, content);
            _response = await _client.Http.SendAsync(_request, HttpCompletionOption.ResponseHeadersRead, _cts.Token).ConfigureAwait(false);
            CheckHeaders(_response);
            _reader = PipeReader.Create(await _response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw MapException(ex);
        }
    }

    /// <summary>The call's token: the caller's token and the deadline.</summary>
    public CancellationToken Token => _cts.Token;

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
        _request?.Dispose();
        _cts.Dispose();
        _deadlineCts?.Dispose();
    }

    private async Task<TResponse?> ReadNextCoreAsync()
    {
        var reader = _reader ?? throw new InvalidOperationException("The call has not started.");
        var (got, message) = await MessageStreamReader.ReadNextAsync(reader, _client.MaxReceiveMessageSize, Parse, "response", _cts.Token).ConfigureAwait(false);
        if (got)
        {
            return message;
        }

        // Trailers are known only now that the body has been read to the end.
        if (!StatusHeaders.TryRead(_response!.TrailingHeaders, out var status))
        {
            throw new RpcException(StatusCode.Internal, "No grpc-status found on the response.");
        }

        return status.Code == StatusCode.OK ? default : throw new RpcException(status);
    }

    private HttpContent EncodeRequest(IMessage request)
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

        return new ReadOnlyMemoryContent(body.WrittenMemory);
    }

    private HttpRequestMessage BuildRequest(string method, HttpContent content)
    {
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

    private TResponse Parse(LengthPrefixedFrame frame)
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
