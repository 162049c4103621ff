using System.Globalization;
using System.Text;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>Hex helpers for writing wire bytes in tests.</summary>
public static class Hex
{
    /// <summary>Parses hex digits, ignoring whitespace (so bytes can be grouped freely).</summary>
    public static byte[] Parse(string hex)
    {
        var sb = new StringBuilder(hex.Length);
        foreach (var c in hex)
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return Convert.FromHexString(sb.ToString());
    }

    /// <summary>Lower-case hex without separators.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>Reads a big-endian u16 at <paramref name="offset"/>.</summary>
    public static ushort U16(byte[] bytes, int offset) => (ushort)((bytes[offset] << 8) | bytes[offset + 1]);

    /// <summary>Writes a big-endian u16 at <paramref name="offset"/>.</summary>
    public static void SetU16(byte[] bytes, int offset, int value)
    {
        bytes[offset] = (byte)(value >> 8);
        bytes[offset + 1] = (byte)value;
    }

    /// <summary>Decimal, invariant.</summary>
    public static string Dec(long v) => v.ToString(CultureInfo.InvariantCulture);
}
