using System.Globalization;

namespace Sdn.Packets;

/// <summary>Shared wording of decode errors, so every header reports truncation the same way.</summary>
internal static class Decode
{
    /// <summary>"IPv4: 12 bytes, header needs 20".</summary>
    public static string Truncated(string header, int have, int need) =>
        string.Create(CultureInfo.InvariantCulture, $"{header}: {have} bytes, header needs {need}");

    /// <summary>Throws <see cref="PacketDecodeException"/> when <paramref name="error"/> is not null.</summary>
    public static void ThrowIf(string? error)
    {
        if (error is not null)
        {
            throw new PacketDecodeException(error);
        }
    }

    /// <summary>Formats with the invariant culture.</summary>
    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Returns <paramref name="length"/>, or throws when it exceeds a 16-bit length field.</summary>
    /// <exception cref="ArgumentException">The length is above 65535.</exception>
    public static int CheckU16Length(string what, int length) => length <= ushort.MaxValue
        ? length
        : throw new ArgumentException(Format($"{what} is at most 65535 bytes; this one would be {length}."));
}
