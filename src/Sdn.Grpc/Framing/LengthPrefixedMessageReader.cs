using System.Buffers;
using System.Buffers.Binary;

namespace Sdn.Grpc;

/// <summary>
/// Splits a gRPC message stream into Length-Prefixed-Messages (PROTOCOL-HTTP2.md "Requests"; DATA frame boundaries
/// have no relation to message boundaries, "HTTP2 Transport Mapping"). Looks at the 5-byte prefix first, so an
/// oversized message is rejected before its body is buffered.
/// </summary>
public static class LengthPrefixedMessageReader
{
    /// <summary>Size of the prefix: 1 flag byte and a 4-byte big-endian length.</summary>
    public const int PrefixSize = 5;

    /// <summary>Tries to take one message off the front of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Received bytes; advanced past the message only when <see cref="FrameReadResult.Message"/> is returned.</param>
    /// <param name="maxMessageSize">Largest accepted Message-Length, in bytes.</param>
    /// <param name="frame">The message (or, for <see cref="FrameReadResult.MessageTooLarge"/>, its declared length).</param>
    /// <returns>What was found.</returns>
    public static FrameReadResult TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out LengthPrefixedFrame frame)
    {
        frame = default;
        if (buffer.Length < PrefixSize)
        {
            return FrameReadResult.NeedMoreData;
        }

        Span<byte> prefix = stackalloc byte[PrefixSize];
        buffer.Slice(0, PrefixSize).CopyTo(prefix);
        var flag = prefix[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (flag > 1)
        {
            return FrameReadResult.InvalidCompressedFlag;
        }

        if (length > (uint)Math.Max(maxMessageSize, 0))
        {
            frame = new LengthPrefixedFrame(flag == 1, length, ReadOnlySequence<byte>.Empty);
            return FrameReadResult.MessageTooLarge;
        }

        if (buffer.Length - PrefixSize < length)
        {
            return FrameReadResult.NeedMoreData;
        }

        frame = new LengthPrefixedFrame(flag == 1, length, buffer.Slice(PrefixSize, length));
        buffer = buffer.Slice(PrefixSize + length);
        return FrameReadResult.Message;
    }
}
