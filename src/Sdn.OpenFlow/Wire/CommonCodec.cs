using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// HELLO and ERROR, whose layouts are the same in every OpenFlow version (OpenFlow 1.3.5 §7.5.1, §7.4.4; 1.0 §5.5.1,
/// §5.4.4) and which must be read before a version is negotiated.
/// </summary>
public static class CommonCodec
{
    /// <summary>OFPT_HELLO type code (0 in every version).</summary>
    public const byte HelloType = 0;

    /// <summary>OFPT_ERROR type code (1 in every version).</summary>
    public const byte ErrorType = 1;

    /// <summary>OFPT_ECHO_REQUEST type code (2 in every version; the body is opaque payload).</summary>
    public const byte EchoRequestType = 2;

    private const ushort VersionBitmapElement = 1;

    /// <summary>Decodes a HELLO of any version, elements included.</summary>
    /// <exception cref="OpenFlowDecodeException">An element's length is impossible.</exception>
    public static Hello DecodeHello(ReadOnlySpan<byte> frame)
    {
        var header = OfpHeader.Read(frame);
        var r = new SpanReader(frame[OfpHeader.Size..]);
        var elements = new List<HelloElement>();
        while (r.Remaining > 0)
        {
            var type = r.ReadU16();
            var length = r.ReadU16();
            if (length < 4)
            {
                throw OpenFlowDecodeException.BadLength($"hello element length {length} < 4");
            }

            var body = r.Sub(length - 4);
            if (type == VersionBitmapElement)
            {
                if (body.Remaining % 4 != 0)
                {
                    throw OpenFlowDecodeException.BadLength($"version bitmap of {body.Remaining} bytes is not whole 32-bit words");
                }

                var words = new uint[body.Remaining / 4];
                for (var i = 0; i < words.Length; i++)
                {
                    words[i] = body.ReadU32();
                }

                elements.Add(new HelloVersionBitmap(words));
            }
            else
            {
                elements.Add(new UnknownHelloElement(type, body.ReadRest()));
            }

            // Elements are padded to 8 bytes; tolerate a last element whose padding was left out.
            r.Skip(Math.Min(Pad8(length), r.Remaining));
        }

        return new Hello(header.Version, ValueArray.From(elements)) { Xid = header.Xid };
    }

    /// <summary>Encoded length of a HELLO in bytes.</summary>
    public static int HelloLength(Hello hello)
    {
        var n = OfpHeader.Size;
        foreach (var e in hello.Elements)
        {
            var len = ElementLength(e);
            n += len + Pad8(len);
        }

        return n;
    }

    /// <summary>Writes a HELLO with the version byte it carries.</summary>
    /// <exception cref="OpenFlowEncodeException">Longer than 65535 bytes.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteHello(Hello hello, Span<byte> destination)
    {
        var length = CheckLength(HelloLength(hello), destination, "HELLO");
        new OfpHeader(hello.Version, HelloType, (ushort)length, hello.Xid).Write(destination);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        foreach (var e in hello.Elements)
        {
            var len = ElementLength(e);
            switch (e)
            {
                case HelloVersionBitmap bm:
                    w.WriteU16(VersionBitmapElement);
                    w.WriteU16((ushort)len);
                    foreach (var word in bm.Bitmaps)
                    {
                        w.WriteU32(word);
                    }

                    break;
                case UnknownHelloElement u:
                    w.WriteU16(u.Type);
                    w.WriteU16((ushort)len);
                    w.WriteBytes(u.Body.AsSpan());
                    break;
                default:
                    throw new OpenFlowEncodeException($"Unsupported hello element {e.GetType().Name}.");
            }

            w.WriteZeros(Pad8(len));
        }

        return length;
    }

    /// <summary>Decodes an ERROR of any version (type/code numbers as on the wire).</summary>
    /// <exception cref="OpenFlowDecodeException">Shorter than the fixed part.</exception>
    public static Error DecodeError(ReadOnlySpan<byte> frame)
    {
        var header = OfpHeader.Read(frame);
        var r = new SpanReader(frame[OfpHeader.Size..]);
        var type = (Messages.ErrorType)r.ReadU16();
        var code = r.ReadU16();
        if (type == Messages.ErrorType.Experimenter)
        {
            var experimenter = r.ReadU32();
            return new Error(type, code, r.ReadRest()) { Xid = header.Xid, Experimenter = experimenter };
        }

        return new Error(type, code, r.ReadRest()) { Xid = header.Xid };
    }

    /// <summary>Encoded length of an ERROR in bytes.</summary>
    public static int ErrorLength(Error error) =>
        OfpHeader.Size + 4 + (error.Type == Messages.ErrorType.Experimenter ? 4 : 0) + error.Data.Count;

    /// <summary>Writes an ERROR with the given header version.</summary>
    /// <exception cref="OpenFlowEncodeException">Longer than 65535 bytes.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteError(Error error, byte version, Span<byte> destination)
    {
        var length = CheckLength(ErrorLength(error), destination, "ERROR");
        new OfpHeader(version, ErrorType, (ushort)length, error.Xid).Write(destination);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        w.WriteU16((ushort)error.Type);
        w.WriteU16(error.Code);
        if (error.Type == Messages.ErrorType.Experimenter)
        {
            w.WriteU32(error.Experimenter ?? 0);
        }

        w.WriteBytes(error.Data.AsSpan());
        return length;
    }

    /// <summary>
    /// The encoder contract of <see cref="IOpenFlowCodec.Write(OfpMessage, Span{byte})"/>: a message over the 16-bit length field's 65535
    /// bytes (OpenFlow 1.3.5 §7.1) is an <see cref="OpenFlowEncodeException"/>, a short destination an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    private static int CheckLength(int length, Span<byte> destination, string what)
    {
        if (length > OfpFramer.MaxMessageLength)
        {
            throw new OpenFlowEncodeException($"{what} of {length} bytes exceeds the 65535-byte OpenFlow limit.");
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"Need {length} bytes, have {destination.Length}.", nameof(destination));
        }

        return length;
    }

    /// <summary>Bytes of padding that bring <paramref name="length"/> to a multiple of 8.</summary>
    public static int Pad8(int length) => (8 - (length % 8)) % 8;

    private static int ElementLength(HelloElement e) => e switch
    {
        HelloVersionBitmap bm => 4 + (4 * bm.Bitmaps.Count),
        UnknownHelloElement u => 4 + u.Body.Count,
        _ => throw new OpenFlowEncodeException($"Unsupported hello element {e.GetType().Name}."),
    };
}
