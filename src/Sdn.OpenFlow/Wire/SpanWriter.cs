using System.Buffers.Binary;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// Big-endian writer into a span sized beforehand (codecs compute each message's exact length first, then write
/// it into one <c>GetSpan</c> of the output <see cref="System.Buffers.IBufferWriter{T}"/>).
/// </summary>
/// <remarks>Overrunning the span throws <see cref="ArgumentOutOfRangeException"/>: a codec length bug, not bad input.</remarks>
public ref struct SpanWriter
{
    private readonly Span<byte> _span;
    private int _pos;

    /// <summary>Writes into <paramref name="span"/> from its start.</summary>
    public SpanWriter(Span<byte> span)
    {
        _span = span;
        _pos = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _pos;

    /// <summary>Writes one byte.</summary>
    public void WriteU8(byte value) => Take(1)[0] = value;

    /// <summary>Writes a big-endian 16-bit value.</summary>
    public void WriteU16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    /// <summary>Writes a big-endian 32-bit value.</summary>
    public void WriteU32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    /// <summary>Writes a big-endian 64-bit value.</summary>
    public void WriteU64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);

    /// <summary>Writes a 6-byte MAC address.</summary>
    public void WriteMac(MacAddress mac) => mac.Write(Take(6));

    /// <summary>Copies <paramref name="bytes"/>.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    /// <summary>Writes <paramref name="count"/> zero bytes (padding).</summary>
    public void WriteZeros(int count) => Take(count).Clear();

    /// <summary>Writes an ASCII string NUL-padded (and truncated) to <paramref name="length"/> bytes.</summary>
    public void WriteFixedString(string value, int length)
    {
        var dst = Take(length);
        dst.Clear();
        var n = Math.Min(value.Length, length - 1);
        for (var i = 0; i < n; i++)
        {
            dst[i] = (byte)(value[i] & 0x7f);
        }
    }

    /// <summary>Overwrites a big-endian 16-bit value at an absolute offset already written (length fields).</summary>
    public readonly void PatchU16(int offset, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(_span.Slice(offset, 2), value);

    /// <summary>Takes the next <paramref name="count"/> bytes for the caller to fill (e.g. a fixed-layout structure in one go).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <paramref name="count"/> bytes are left.</exception>
    public Span<byte> Reserve(int count) => Take(count);

    private Span<byte> Take(int count)
    {
        var s = _span.Slice(_pos, count);
        _pos += count;
        return s;
    }
}
