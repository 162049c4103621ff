using System.Buffers;

namespace Sdn.Packets;

/// <summary>
/// Base of the buildable packet records: a fixed wire image of <see cref="Length"/> bytes that can be written into a
/// span, an <see cref="IBufferWriter{T}"/> or a new array. Records hold payloads as <see cref="ReadOnlyMemory{T}"/>, so
/// record equality compares payload references, not bytes: compare <see cref="ToArray"/> for byte equality.
/// </summary>
public abstract record WireRecord
{
    /// <summary>Size of the wire image in bytes, including computed checksums and any padding.</summary>
    public abstract int Length { get; }

    /// <summary>Writes exactly <see cref="Length"/> bytes to the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public void WriteTo(Span<byte> destination)
    {
        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"{GetType().Name} needs {length} bytes, destination has {destination.Length}.", nameof(destination));
        }

        WriteCore(destination[..length]);
    }

    /// <summary>Writes exactly <see cref="Length"/> bytes to <paramref name="writer"/> and advances it.</summary>
    public void Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = Length;
        WriteCore(writer.GetSpan(length)[..length]);
        writer.Advance(length);
    }

    /// <summary>A new array holding the wire image (<see cref="Length"/> bytes).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteCore(bytes);
        return bytes;
    }

    /// <summary>Writes the wire image into <paramref name="destination"/>, which is exactly <see cref="Length"/> bytes.</summary>
    protected abstract void WriteCore(Span<byte> destination);
}

/// <summary>A record that can be the payload of an Ethernet frame: it names its own <see cref="Packets.EtherType"/>.</summary>
public abstract record EtherPayload : WireRecord
{
    /// <summary>The EtherType an Ethernet header carrying this payload announces.</summary>
    public abstract EtherType EtherType { get; }
}
