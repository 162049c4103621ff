using System.Buffers.Binary;
using System.Globalization;

namespace Sdn.OpenFlow;

/// <summary>
/// A 48-bit IEEE 802 MAC address held in the low 48 bits of a <see cref="ulong"/> (network byte order:
/// the first octet on the wire is the most significant).
/// </summary>
public readonly record struct MacAddress
{
    private readonly ulong _value;

    /// <summary>Creates an address from the low 48 bits of <paramref name="value"/>.</summary>
    public MacAddress(ulong value) => _value = value & 0xffff_ffff_ffffUL;

    /// <summary>The address as a 48-bit integer.</summary>
    public ulong Value => _value;

    /// <summary><c>ff:ff:ff:ff:ff:ff</c>.</summary>
    public static readonly MacAddress Broadcast = new(0xffff_ffff_ffffUL);

    /// <summary><c>00:00:00:00:00:00</c>.</summary>
    public static readonly MacAddress Zero = new(0);

    /// <summary>True when the group bit (least significant bit of the first octet) is set; includes broadcast.</summary>
    public bool IsMulticast => (_value & 0x0100_0000_0000UL) != 0;

    /// <summary>Reads 6 octets.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is shorter than 6.</exception>
    public static MacAddress Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 6)
        {
            throw new ArgumentException("A MAC address needs 6 bytes.", nameof(bytes));
        }

        return new MacAddress(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));
    }

    /// <summary>Writes 6 octets.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 6.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < 6)
        {
            throw new ArgumentException("A MAC address needs 6 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(_value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)_value);
    }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (colons or dashes).</summary>
    /// <exception cref="FormatException">Not six hex octets.</exception>
    public static MacAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', '-');
        if (parts.Length != 6)
        {
            throw new FormatException($"'{text}' is not a MAC address (six hex octets).");
        }

        ulong v = 0;
        foreach (var p in parts)
        {
            if (p.Length is 0 or > 2 || !byte.TryParse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                throw new FormatException($"'{text}' is not a MAC address (six hex octets).");
            }

            v = (v << 8) | b;
        }

        return new MacAddress(v);
    }

    /// <summary>Lower-case colon form, <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public override string ToString() => string.Create(17, _value, static (span, v) =>
    {
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(v >> (40 - (8 * i)));
            span[i * 3] = HexDigit(b >> 4);
            span[(i * 3) + 1] = HexDigit(b & 0xf);
            if (i < 5)
            {
                span[(i * 3) + 2] = ':';
            }
        }
    });

    private static char HexDigit(int n) => (char)(n < 10 ? '0' + n : 'a' + n - 10);
}
