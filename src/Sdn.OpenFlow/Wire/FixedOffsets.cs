using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// Big-endian writes at fixed offsets from a reference into a span the caller has already checked is long enough:
/// the hot-path writers fill fixed layouts (FLOW_MOD fields, the 1.0 match) with one bounds check instead of one
/// per field.
/// </summary>
internal static class FixedOffsets
{
    public static void Put(ref byte at, int offset, byte value) => Unsafe.Add(ref at, offset) = value;

    public static void Put(ref byte at, int offset, ushort value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, offset), BinaryPrimitives.ReverseEndianness(value));

    public static void Put(ref byte at, int offset, uint value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, offset), BinaryPrimitives.ReverseEndianness(value));

    public static void Put(ref byte at, int offset, ulong value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, offset), BinaryPrimitives.ReverseEndianness(value));

    /// <summary>A MAC address: 6 bytes.</summary>
    public static void Put(ref byte at, int offset, MacAddress mac)
    {
        Put(ref at, offset, (ushort)(mac.Value >> 32));
        Put(ref at, offset + 2, (uint)mac.Value);
    }
}
