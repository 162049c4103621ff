using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace Sdn.Grpc;

/// <summary>Writes Length-Prefixed-Messages (PROTOCOL-HTTP2.md "Requests": Compressed-Flag, Message-Length, Message).</summary>
public static class LengthPrefixedMessageWriter
{
    /// <summary>Writes the 5-byte prefix and then <paramref name="payload"/>.</summary>
    /// <param name="output">Destination.</param>
    /// <param name="payload">Message bytes (already compressed when <paramref name="compressed"/>).</param>
    /// <param name="compressed">Sets the Compressed-Flag.</param>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload, bool compressed)
    {
        var span = output.GetSpan(LengthPrefixedMessageReader.PrefixSize + payload.Length);
        WritePrefix(span, payload.Length, compressed);
        payload.CopyTo(span[LengthPrefixedMessageReader.PrefixSize..]);
        output.Advance(LengthPrefixedMessageReader.PrefixSize + payload.Length);
    }

    /// <summary>Serializes <paramref name="message"/> uncompressed, prefix included, straight into <paramref name="output"/>.</summary>
    /// <param name="output">Destination.</param>
    /// <param name="message">The protobuf message.</param>
    /// <param name="size">Its serialized size, from <see cref="IMessage.CalculateSize"/>.</param>
    public static void Write(IBufferWriter<byte> output, IMessage message, int size)
    {
        var span = output.GetSpan(LengthPrefixedMessageReader.PrefixSize + size);
        WritePrefix(span, size, compressed: false);
        message.WriteTo(span.Slice(LengthPrefixedMessageReader.PrefixSize, size));
        output.Advance(LengthPrefixedMessageReader.PrefixSize + size);
    }

    /// <summary>Writes the 5-byte prefix: the Compressed-Flag and the big-endian Message-Length.</summary>
    /// <param name="span">At least 5 bytes.</param>
    /// <param name="length">Message-Length in bytes.</param>
    /// <param name="compressed">Sets the Compressed-Flag.</param>
    internal static void WritePrefix(Span<byte> span, int length, bool compressed)
    {
        span[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
    }
}
