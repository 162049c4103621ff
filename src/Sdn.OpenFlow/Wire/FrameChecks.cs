using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// The checks every version's codec makes around a message body (OpenFlow 1.3.5 §7.1; 1.0 §5.1): a whole frame of the
/// expected version on the way in, nothing left over after the body, and at most 65535 bytes on the way out.
/// </summary>
internal static class FrameChecks
{
    /// <summary>Validates <paramref name="frame"/> as one message of <paramref name="version"/> and returns a reader over its body.</summary>
    /// <exception cref="OpenFlowDecodeException">Shorter than its header or than the header says (BAD_LEN), or another version (BAD_VERSION).</exception>
    public static SpanReader OpenBody(ReadOnlySpan<byte> frame, OfpVersion version, out OfpHeader header)
    {
        if (frame.Length < OfpHeader.Size)
        {
            throw OpenFlowDecodeException.BadLength($"message of {frame.Length} bytes is shorter than its header");
        }

        header = OfpHeader.Read(frame);
        if (header.Length != frame.Length)
        {
            throw OpenFlowDecodeException.BadLength($"header length {header.Length} but frame of {frame.Length} bytes");
        }

        if (header.Version != (byte)version)
        {
            throw OpenFlowDecodeException.BadRequest(BadRequestCode.BadVersion, $"version 0x{header.Version:x2} is not 0x{(byte)version:x2}");
        }

        return new SpanReader(frame[OfpHeader.Size..]);
    }

    /// <summary>Completes a decoded body: throws BAD_LEN on trailing bytes, then sets the xid in place.</summary>
    /// <param name="r">The body reader, after the body was read.</param>
    /// <param name="message">The decoded record.</param>
    /// <param name="header">The message header.</param>
    /// <param name="typeName">Names the message type for the error (only called on that path).</param>
    public static OfpMessage Finish<TType>(ref SpanReader r, OfpMessage message, OfpHeader header, TType typeName)
        where TType : struct, Enum
    {
        if (r.Remaining != 0)
        {
            r.EnsureEnd(typeName.ToString());
        }

        return message.WithDecodedXid<OfpMessage>(header.Xid);
    }

    /// <summary>Returns <paramref name="length"/> when it fits the 16-bit length field.</summary>
    /// <exception cref="OpenFlowEncodeException">More than 65535 bytes.</exception>
    public static int CheckLength(OfpMessage message, int length) => length <= OfpFramer.MaxMessageLength
        ? length
        : throw new OpenFlowEncodeException($"{message.GetType().Name} of {length} bytes exceeds the 65535-byte OpenFlow limit.");
}
