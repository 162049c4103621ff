using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// The type-length-value layout shared by actions (OpenFlow 1.3.5 §7.2.5) and instructions (§7.2.4): a 16-bit type,
/// a 16-bit length that counts the 4-byte header and is a multiple of 8, then the body.
/// </summary>
internal static class Tlv13
{
    /// <summary>Reads elements until <paramref name="r"/> is exhausted.</summary>
    public static ValueArray<T> ReadList<T>(ref SpanReader r, EntryReader<T> read)
    {
        if (r.Remaining == 0)
        {
            return ValueArray<T>.Empty;
        }

        var list = new List<T>();
        while (r.Remaining > 0)
        {
            list.Add(read(ref r));
        }

        return ValueArray.From(list);
    }

    /// <summary>Reads and checks a TLV header; returns a reader over the body (length − 4 bytes).</summary>
    /// <param name="r">Positioned at the element.</param>
    /// <param name="what">"action" or "instruction", for messages.</param>
    /// <param name="badLength">Makes the error for a bad length (BAD_ACTION/BAD_LEN or BAD_INSTRUCTION/BAD_LEN).</param>
    /// <param name="type">The element type.</param>
    /// <param name="length">The element length in bytes, header included.</param>
    /// <exception cref="OpenFlowDecodeException">Header cut short, or length below 8, not a multiple of 8, or beyond the list.</exception>
    public static SpanReader ReadHeader(ref SpanReader r, string what, Func<string, OpenFlowDecodeException> badLength, out ushort type, out int length)
    {
        if (r.Remaining < 4)
        {
            throw badLength($"{what} header needs 4 bytes, {r.Remaining} left");
        }

        type = r.ReadU16();
        length = r.ReadU16();
        if (length < 8 || length % 8 != 0 || length - 4 > r.Remaining)
        {
            throw badLength($"{what} type {type} length {length} (must be a multiple of 8, at least 8, within the list)");
        }

        return r.Sub(length - 4);
    }

    /// <summary>Throws when a fixed-size element has another length.</summary>
    public static void ExpectLength(string what, ushort type, int length, int expected, Func<string, OpenFlowDecodeException> badLength)
    {
        if (length != expected)
        {
            throw badLength($"{what} type {type} length {length}, expected {expected}");
        }
    }

    /// <summary>Writes type and length.</summary>
    public static void WriteHeader(ref SpanWriter w, ushort type, int length)
    {
        w.WriteU16(type);
        w.WriteU16((ushort)length);
    }

    /// <summary><paramref name="n"/> rounded up to a multiple of 8.</summary>
    public static int Padded(int n) => n + CommonCodec.Pad8(n);
}
