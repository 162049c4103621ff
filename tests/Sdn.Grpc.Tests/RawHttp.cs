using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Sdn.Grpc.Tests;

/// <summary>Hand-built HTTP/2 requests, for what <see cref="GrpcClient"/> never sends (bad content-type, GET, bad timeout, garbage bytes).</summary>
internal static class RawHttp
{
    public static byte[] Framed(IMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        LengthPrefixedMessageWriter.Write(w, message.ToByteArray(), compressed: false);
        return w.WrittenSpan.ToArray();
    }

    public static async Task<RawResponse> SendAsync(Uri server, string path, byte[] body, string contentType = "application/grpc",
        HttpMethod? method = null, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (request.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.TE.ParseAdd("trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        string? Get(HttpHeaders h, string n) => h.TryGetValues(n, out var v) ? string.Join(",", v) : null;
        return new RawResponse((int)response.StatusCode, bytes,
            Get(response.Headers, "grpc-status"), Get(response.Headers, "grpc-message"),
            Get(response.TrailingHeaders, "grpc-status"), Get(response.TrailingHeaders, "grpc-message"),
            Get(response.Headers, "grpc-accept-encoding"));
    }
}

internal sealed record RawResponse(int HttpStatus, byte[] Body, string? HeaderStatus, string? HeaderMessage,
    string? TrailerStatus, string? TrailerMessage, string? AcceptEncoding);
