using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Sdn.Grpc;

/// <summary>
/// One gRPC call on the server (PROTOCOL-HTTP2.md "Requests" and "Responses"): checks the request headers, sets
/// up the deadline and the call's token, reads the request message, writes response messages and ends the call
/// with trailers, or with Trailers-Only when no message was written.
/// </summary>
internal sealed class GrpcServerCall : IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServerRuntime _runtime;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly bool _gzipRequest;
    private int _writing;
    private bool _messageWritten;
    private bool _started;
    private bool _finished;

    private GrpcServerCall(HttpContext http, GrpcServerRuntime runtime, string method, DateTime? deadline, TimeSpan? timeout, bool gzipRequest)
    {
        _http = http;
        _runtime = runtime;
        _gzipRequest = gzipRequest;
        if (timeout is { } t)
        {
            _deadlineCts = new CancellationTokenSource();
            // CancelAfter takes at most uint.MaxValue - 1 ms (about 49 days); a longer timeout never fires here.
            if (t.TotalMilliseconds < uint.MaxValue - 1)
            {
                _deadlineCts.CancelAfter(t);
            }
        }

        _callCts = CancellationTokenSource.CreateLinkedTokenSource(
            http.RequestAborted, runtime.Stopping, _deadlineCts?.Token ?? CancellationToken.None);
        Context = new ServerCallContext(method, deadline, _callCts.Token, http.Request.Headers, FormatPeer(http.Connection));
    }

    /// <summary>The context handed to the handler.</summary>
    public ServerCallContext Context { get; }

    /// <summary>
    /// Checks the request. Returns null after answering a request that is not a valid gRPC call: 405 for a method
    /// other than POST, 415 for a content-type not starting with application/grpc, 426 for HTTP/1.x; a malformed
    /// grpc-timeout (INTERNAL, as grpc-go does; the spec does not say) or an unsupported grpc-encoding
    /// (UNIMPLEMENTED with grpc-accept-encoding, compression.md) ends with Trailers-Only.
    /// </summary>
    public static GrpcServerCall? Start(HttpContext http, GrpcServerRuntime runtime, string method)
    {
        var request = http.Request;
        var response = http.Response;
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            return null;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return null;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "h2c";
            return null;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncoding] = runtime.AcceptEncoding;

        var encoding = request.Headers[GrpcProtocol.Encoding].ToString();
        var gzip = false;
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            if (runtime.Options.EnableGzipRequests && encoding.Equals(GzipMessageCodec.Name, StringComparison.OrdinalIgnoreCase))
            {
                gzip = true;
            }
            else
            {
                WriteTrailersOnly(response, new Status(StatusCode.Unimplemented,
                    $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {runtime.AcceptEncoding}"));
                return null;
            }
        }

        TimeSpan? timeout = null;
        DateTime? deadline = null;
        var timeoutHeader = request.Headers[GrpcProtocol.Timeout].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var t))
            {
                WriteTrailersOnly(response, new Status(StatusCode.Internal, $"Malformed grpc-timeout header '{timeoutHeader}'."));
                return null;
            }

            timeout = t;
            var now = DateTime.UtcNow;
            deadline = t < DateTime.MaxValue - now ? now + t : null;
        }

        return new GrpcServerCall(http, runtime, method, deadline, timeout, gzip);
    }

    /// <summary>Why the call's token fired, if it did.</summary>
    public CallEndReason EndReason =>
        _deadlineCts?.IsCancellationRequested == true ? CallEndReason.DeadlineExceeded
        : _http.RequestAborted.IsCancellationRequested ? CallEndReason.ClientCancelled
        : _runtime.Stopping.IsCancellationRequested ? CallEndReason.ServerStopping
        : CallEndReason.None;

    /// <summary>Reads the single request message of a unary or server-streaming call, up to the end of the request stream.</summary>
    /// <exception cref="RpcException">INTERNAL for broken framing, bytes that do not parse, no message or more than
    /// one; RESOURCE_EXHAUSTED for a message over the receive limit.</exception>
    public async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser) where T : IMessage<T>
    {
        var (got, message) = await ReadNextAsync(parser).ConfigureAwait(false);
        if (!got)
        {
            throw new RpcException(StatusCode.Internal, "No request message.");
        }

        if ((await ReadNextAsync(parser).ConfigureAwait(false)).Got)
        {
            throw new RpcException(StatusCode.Internal, "More than one request message for a single-request method.");
        }

        return message!;
    }

    /// <summary>
    /// The request messages of a bidirectional-streaming call as they arrive, until the client ends its stream.
    /// Lifts Kestrel's minimum request data rate and body size limit for the call: a client may stay silent for
    /// as long as the call lasts, and each message is still limited by the receive limit.
    /// </summary>
    /// <exception cref="RpcException">While enumerating: as <see cref="ReadSingleMessageAsync{T}"/> for a bad message.</exception>
    public async IAsyncEnumerable<T> ReadMessagesAsync<T>(MessageParser<T> parser) where T : IMessage<T>
    {
        if (_http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (_http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        while ((await ReadNextAsync(parser).ConfigureAwait(false)) is (true, var message))
        {
            yield return message!;
        }
    }

    private async ValueTask<(bool Got, T? Message)> ReadNextAsync<T>(MessageParser<T> parser) where T : IMessage<T>
    {
        try
        {
            return await MessageStreamReader.ReadNextAsync(_http.Request.BodyReader, _runtime.Options.MaxReceiveMessageSize,
                frame => Parse(parser, frame), "request", Context.CancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel fails the body with "The client reset the request stream." (RST_STREAM) or a connection error:
            // for the handler that is a cancelled call, like its token firing.
            throw new OperationCanceledException("The client cancelled the call.", ex, Context.CancellationToken);
        }
    }

    /// <summary>Writes the one response message of a unary call (buffered: headers, message and trailers leave together).</summary>
    public void WriteUnaryResponse(IMessage message)
    {
        var size = CheckSendSize(message);
        LengthPrefixedMessageWriter.Write(_http.Response.BodyWriter, message, size);
        _messageWritten = true;
    }

    /// <summary>Writes and flushes one message of a server stream.</summary>
    public async Task WriteStreamedAsync(IMessage message, CancellationToken cancellationToken)
    {
        EnterWrite(cancellationToken);
        try
        {
            var size = CheckSendSize(message);
            await StartStreamAsync().ConfigureAwait(false);
            LengthPrefixedMessageWriter.Write(_http.Response.BodyWriter, message, size);
            _messageWritten = true;
            await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Copies one pre-framed message (prefix included) into the response of a server stream, unflushed.</summary>
    /// <param name="framed">The 5-byte prefix and the message bytes.</param>
    /// <param name="payloadLength">Message-Length, checked against the send limit.</param>
    /// <param name="cancellationToken">Checked before writing.</param>
    public async ValueTask BufferStreamedAsync(ReadOnlyMemory<byte> framed, int payloadLength, CancellationToken cancellationToken)
    {
        EnterWrite(cancellationToken);
        try
        {
            CheckSendSize(payloadLength);
            if (!_started)
            {
                await StartStreamAsync().ConfigureAwait(false);
            }

            _http.Response.BodyWriter.Write(framed.Span);
            _messageWritten = true;
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Flushes what a server stream buffered; nothing to do before the first message.</summary>
    public async Task FlushStreamedAsync(CancellationToken cancellationToken)
    {
        EnterWrite(cancellationToken);
        try
        {
            if (_started)
            {
                await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Claims the stream for one write; throws when another write is running, the call ended or a token fired.
    /// The caller releases it by clearing <see cref="_writing"/>.</summary>
    private void EnterWrite(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("Only one write at a time is allowed on a server stream.");
        }

        if (_finished)
        {
            Volatile.Write(ref _writing, 0);
            throw new InvalidOperationException("The call has already ended.");
        }

        if (Context.CancellationToken.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _writing, 0);
            Context.CancellationToken.ThrowIfCancellationRequested();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Sends the response headers before the first streamed message (unbuffered from then on).</summary>
    private async ValueTask StartStreamAsync()
    {
        if (_started)
        {
            return;
        }

        _http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await _http.Response.StartAsync(Context.CancellationToken).ConfigureAwait(false);
        _started = true;
    }

    private async ValueTask FlushCoreAsync(CancellationToken cancellationToken)
    {
        // A token other than the call's own is passed to the flush; the call's token then cancels the flush too, but
        // is registered only when the flush has to wait (no registration and no allocation on the usual path).
        var writer = _http.Response.BodyWriter;
        var separate = cancellationToken.CanBeCanceled && cancellationToken != Context.CancellationToken;
        var flush = writer.FlushAsync(separate ? cancellationToken : Context.CancellationToken);
        FlushResult result;
        if (flush.IsCompleted || !separate)
        {
            result = await flush.ConfigureAwait(false);
        }
        else
        {
            using var stop = Context.CancellationToken.UnsafeRegister(static w => ((PipeWriter)w!).CancelPendingFlush(), writer);
            result = await flush.ConfigureAwait(false);
        }

        if (result.IsCompleted || result.IsCanceled)
        {
            throw new OperationCanceledException("The client is gone.", Context.CancellationToken);
        }
    }

    /// <summary>Ends the call with OK.</summary>
    public void FinishOk() => Finish(Status.Ok);

    /// <summary>Ends the call for a handler's exception (see <see cref="ServerStatusMapper"/>).</summary>
    public void Fail(Exception exception)
    {
        var reason = EndReason;
        var status = ServerStatusMapper.FromException(exception, reason);
        if (reason == CallEndReason.ClientCancelled)
        {
            // Nobody is left to read a status.
            _runtime.Logger.LogDebug("gRPC call {Method} cancelled by the client", Context.Method);
            _finished = true;
            return;
        }

        if (status.Code == StatusCode.Internal && exception is not RpcException)
        {
            _runtime.Logger.LogError(exception, "gRPC handler {Method} failed", Context.Method);
        }

        Finish(status);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _finished = true;
        _callCts.Dispose();
        _deadlineCts?.Dispose();
    }

    /// <summary>Trailers-Only (grpc-status in the response headers, no body): for calls that end before any message.</summary>
    internal static void WriteTrailersOnly(HttpResponse response, Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.Status] = ((int)status.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status.Detail.Length > 0)
        {
            response.Headers[GrpcProtocol.Message] = StatusMessageEncoding.Encode(status.Detail);
        }
    }

    private void Finish(Status status)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        var response = _http.Response;
        // Decide by "a message was written", not HasStarted: a buffered unary reply has not started yet.
        if (!_messageWritten && !response.HasStarted)
        {
            WriteTrailersOnly(response, status);
            return;
        }

        response.AppendTrailer(GrpcProtocol.Status, ((int)status.Code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocol.Message, StatusMessageEncoding.Encode(status.Detail));
        }
    }

    private int CheckSendSize(IMessage message) => CheckSendSize(message.CalculateSize());

    private int CheckSendSize(int size)
    {
        if (size > _runtime.Options.MaxSendMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} vs. {_runtime.Options.MaxSendMessageSize}).");
        }

        return size;
    }

    private T Parse<T>(MessageParser<T> parser, in LengthPrefixedFrame frame) where T : IMessage<T>
    {
        try
        {
            if (!frame.Compressed)
            {
                return parser.ParseFrom(frame.Payload);
            }

            if (!_gzipRequest)
            {
                throw new RpcException(StatusCode.Internal, "Compressed-Flag is set but the request has no grpc-encoding.");
            }

            if (!GzipMessageCodec.TryDecompress(frame.Payload, _runtime.Options.MaxReceiveMessageSize, out var bytes))
            {
                throw new RpcException(StatusCode.ResourceExhausted,
                    $"Received message exceeds the maximum configured message size after decompression (limit {_runtime.Options.MaxReceiveMessageSize}).");
            }

            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            // As grpc-dotnet, grpc-go and grpc-java: bytes that do not parse are INTERNAL, not INVALID_ARGUMENT.
            throw new RpcException(StatusCode.Internal, "Failed to deserialize the request message.");
        }
        catch (InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to decompress the request message (gzip).");
        }
    }

    private static string FormatPeer(ConnectionInfo connection) => connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
        IPAddress ip => $"ipv4:{ip}:{connection.RemotePort}",
    };
}
