using System.Buffers.Binary;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// Forward-only big-endian reader over one OpenFlow message (or a part of one). Every read checks bounds and
/// throws <see cref="OpenFlowDecodeException"/> (<c>BAD_REQUEST/BAD_LEN</c>) on underrun; it never throws anything else.
/// </summary>
public ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _pos;

    /// <summary>Reads <paramref name="span"/> from its start.</summary>
    public SpanReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _pos = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _pos;

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _span.Length - _pos;

    /// <summary>The bytes not yet read.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _span[_pos..];

    /// <summary>Reads one byte.</summary>
    public byte ReadU8() => Take(1)[0];

    /// <summary>Reads a big-endian 16-bit value.</summary>
    public ushort ReadU16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    /// <summary>Reads a big-endian 32-bit value.</summary>
    public uint ReadU32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>Reads a big-endian 64-bit value.</summary>
    public ulong ReadU64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>Reads a 6-byte MAC address.</summary>
    public MacAddress ReadMac() => MacAddress.Read(Take(6));

    /// <summary>Returns the next <paramref name="count"/> bytes and moves past them.</summary>
    /// <exception cref="OpenFlowDecodeException">Fewer than <paramref name="count"/> bytes remain.</exception>
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>Copies the next <paramref name="count"/> bytes into a new <see cref="ValueArray{T}"/>.</summary>
    public ValueArray<byte> ReadByteArray(int count) => ValueArray.Create(Take(count));

    /// <summary>Copies everything left into a new <see cref="ValueArray{T}"/>.</summary>
    public ValueArray<byte> ReadRest() => ReadByteArray(Remaining);

    /// <summary>Reads a fixed-length NUL-padded ASCII string (e.g. <c>ofp_port.name</c>, 16 bytes).</summary>
    public string ReadFixedString(int length)
    {
        var bytes = Take(length);
        var end = bytes.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>Skips <paramref name="count"/> bytes (padding).</summary>
    public void Skip(int count) => Take(count);

    /// <summary>
    /// Returns a reader over the next <paramref name="count"/> bytes and moves this reader past them: use it for a
    /// TLV whose length field bounds its content.
    /// </summary>
    public SpanReader Sub(int count) => new(Take(count));

    /// <summary>Throws if any byte is left: a structure declared shorter than its content.</summary>
    /// <exception cref="OpenFlowDecodeException">Bytes remain.</exception>
    public readonly void EnsureEnd(string what)
    {
        if (Remaining != 0)
        {
            throw OpenFlowDecodeException.BadLength($"{Remaining} unexpected trailing byte(s) after {what}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _span.Length - _pos)
        {
            throw OpenFlowDecodeException.BadLength($"truncated: need {count} byte(s) at offset {_pos}, {Remaining} left");
        }

        var s = _span.Slice(_pos, count);
        _pos += count;
        return s;
    }
}
