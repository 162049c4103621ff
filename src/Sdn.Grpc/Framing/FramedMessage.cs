using Google.Protobuf;

namespace Sdn.Grpc;

/// <summary>
/// A response message serialized once, with its 5-byte prefix, ready to be copied into any number of streams
/// (PROTOCOL-HTTP2.md "Responses": Length-Prefixed-Message, Compressed-Flag 0). For fan-out: one event sent to many
/// subscribers costs one serialization. Immutable, so streams on different threads may share one instance.
/// </summary>
/// <typeparam name="T">The message type, so that only messages of a stream's own type can be written to it.</typeparam>
public sealed class FramedMessage<T> where T : IMessage<T>
{
    private readonly byte[] _bytes;

    private FramedMessage(T message, byte[] bytes)
    {
        Message = message;
        _bytes = bytes;
    }

    /// <summary>The message that was serialized (for filtering; do not mutate it).</summary>
    public T Message { get; }

    /// <summary>Prefix and message bytes: 5 + <see cref="PayloadLength"/> bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Message-Length: the serialized message alone, in bytes (what the send-size limit is checked against).</summary>
    public int PayloadLength => _bytes.Length - LengthPrefixedMessageReader.PrefixSize;

    /// <summary>Serializes <paramref name="message"/> once, uncompressed, with its prefix.</summary>
    /// <param name="message">The message; it must not be changed afterwards.</param>
    /// <returns>The framed message.</returns>
    public static FramedMessage<T> Create(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var bytes = new byte[LengthPrefixedMessageReader.PrefixSize + size];
        LengthPrefixedMessageWriter.WritePrefix(bytes, size, compressed: false);
        message.WriteTo(bytes.AsSpan(LengthPrefixedMessageReader.PrefixSize));
        return new FramedMessage<T>(message, bytes);
    }
}
