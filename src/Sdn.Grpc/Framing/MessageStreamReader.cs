using System.IO.Pipelines;

namespace Sdn.Grpc;

/// <summary>
/// Takes Length-Prefixed-Messages one at a time off a body (PROTOCOL-HTTP2.md "Requests" / "Responses": a stream of
/// messages whose boundaries have nothing to do with DATA frames), for request bodies on the server and response
/// bodies on the client.
/// </summary>
internal static class MessageStreamReader
{
    /// <summary>Reads the next message and parses it while its bytes are still in the pipe.</summary>
    /// <typeparam name="T">What <paramref name="parse"/> makes of a frame.</typeparam>
    /// <param name="reader">The body.</param>
    /// <param name="maxMessageSize">Largest accepted Message-Length, bytes.</param>
    /// <param name="parse">Turns a frame into a message; the payload is valid only during the call.</param>
    /// <param name="side">"request" or "response", for the error messages.</param>
    /// <param name="cancellationToken">Cancels the wait for bytes.</param>
    /// <returns>(true, message), or (false, default) when the body ended cleanly after a whole message.</returns>
    /// <exception cref="RpcException">INTERNAL for a bad Compressed-Flag or a body ending inside a message,
    /// RESOURCE_EXHAUSTED for a message over the limit (seen from its prefix, before its body is buffered).</exception>
    public static async ValueTask<(bool Got, T? Message)> ReadNextAsync<T>(
        PipeReader reader, int maxMessageSize, Func<LengthPrefixedFrame, T> parse, string side, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            // Everything was looked at unless a message is returned: then the rest may hold more complete messages,
            // and marking it examined would make the next ReadAsync wait for new bytes (messages held back).
            var examined = buffer.End;
            try
            {
                switch (LengthPrefixedMessageReader.TryRead(ref buffer, maxMessageSize, out var frame))
                {
                    case FrameReadResult.Message:
                        examined = buffer.Start;
                        return (true, parse(frame));
                    case FrameReadResult.InvalidCompressedFlag:
                        throw new RpcException(StatusCode.Internal, $"Invalid Compressed-Flag in a {side} message.");
                    case FrameReadResult.MessageTooLarge:
                        throw new RpcException(StatusCode.ResourceExhausted,
                            $"Received message exceeds the maximum configured message size ({frame.Length} vs. {maxMessageSize}).");
                }

                if (result.IsCompleted)
                {
                    return buffer.IsEmpty
                        ? (false, default)
                        : throw new RpcException(StatusCode.Internal, $"Incomplete message: the {side} ended inside a Length-Prefixed-Message.");
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, examined);
            }
        }
    }
}
