using System.Globalization;
using System.Net.Http.Headers;

namespace Sdn.Grpc;

/// <summary>Reads grpc-status and grpc-message from response headers or trailers (PROTOCOL-HTTP2.md "Responses").</summary>
internal static class StatusHeaders
{
    public static bool TryRead(HttpHeaders headers, out Status status)
    {
        status = default;
        if (!headers.TryGetValues(GrpcProtocol.Status, out var values))
        {
            return false;
        }

        var raw = string.Join(",", values);
        var message = headers.TryGetValues(GrpcProtocol.Message, out var m) ? StatusMessageEncoding.Decode(string.Join(",", m)) : "";
        status = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, message)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{raw}'. {message}".TrimEnd());
        return true;
    }
}
