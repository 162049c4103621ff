using System.Buffers.Binary;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// The 8-byte header that starts every OpenFlow message, the same in every version
/// (OpenFlow 1.3.5 §7.1 <c>struct ofp_header</c>; OpenFlow 1.0 §5.1): version, type, length (bytes, including
/// the header), xid.
/// </summary>
/// <param name="Version">Raw version byte (may be one this library does not speak).</param>
/// <param name="Type">Raw message type; its meaning depends on <paramref name="Version"/>.</param>
/// <param name="Length">Total message length in bytes, header included (8..65535).</param>
/// <param name="Xid">Transaction id.</param>
public readonly record struct OfpHeader(byte Version, byte Type, ushort Length, Xid Xid)
{
    /// <summary>Header size in bytes.</summary>
    public const int Size = 8;

    /// <summary>Reads a header from the first 8 bytes of <paramref name="bytes"/>; no validation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 8 bytes.</exception>
    public static OfpHeader Read(ReadOnlySpan<byte> bytes) => new(
        bytes[0],
        bytes[1],
        BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
        new Xid(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..8])));

    /// <summary>Writes the header into the first 8 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = Version;
        destination[1] = Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..8], Xid.Value);
    }
}
