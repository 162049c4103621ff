using System.Buffers;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// Splits a byte stream into OpenFlow messages using the header's length field (OpenFlow 1.3.5 §7.1). It looks at
/// the 8-byte header only, so a bad length is rejected before any body is buffered.
/// </summary>
public static class OfpFramer
{
    /// <summary>Largest message the protocol can express (the 16-bit length field), in bytes.</summary>
    public const int MaxMessageLength = ushort.MaxValue;

    /// <summary>
    /// Tries to take one whole message off the front of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Received bytes; on success advanced past the message.</param>
    /// <param name="header">The message header, on success.</param>
    /// <param name="frame">The whole message, header included, on success (a slice of the input: copy before the input is released).</param>
    /// <param name="maxLength">Messages longer than this (bytes) are rejected; at most <see cref="MaxMessageLength"/>.</param>
    /// <returns>False when more bytes are needed.</returns>
    /// <exception cref="OpenFlowDecodeException">The length field is below 8 or above <paramref name="maxLength"/>
    /// (<c>BAD_REQUEST/BAD_LEN</c>); the stream cannot be resynchronised after this.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out OfpHeader header, out ReadOnlySequence<byte> frame, int maxLength = MaxMessageLength)
    {
        if (buffer.Length < OfpHeader.Size)
        {
            header = default;
            frame = default;
            return false;
        }

        Span<byte> tmp = stackalloc byte[OfpHeader.Size];
        var first = buffer.FirstSpan;
        var hdrBytes = first.Length >= OfpHeader.Size ? first[..OfpHeader.Size] : CopyHeader(buffer, tmp);
        header = OfpHeader.Read(hdrBytes);
        if (header.Length < OfpHeader.Size || header.Length > maxLength)
        {
            throw OpenFlowDecodeException.BadLength(
                $"message length {header.Length} outside {OfpHeader.Size}..{maxLength} (version 0x{header.Version:x2}, type {header.Type}, xid {header.Xid})");
        }

        if (buffer.Length < header.Length)
        {
            frame = default;
            return false;
        }

        frame = buffer.Slice(0, header.Length);
        buffer = buffer.Slice(header.Length);
        return true;
    }

    private static ReadOnlySpan<byte> CopyHeader(in ReadOnlySequence<byte> buffer, Span<byte> tmp)
    {
        buffer.Slice(0, OfpHeader.Size).CopyTo(tmp);
        return tmp;
    }
}
