using System.Globalization;

namespace Sdn.OpenFlow;

/// <summary>
/// A switch's datapath id (dpid): 64 bits, the lower 48 conventionally a MAC address and the upper 16
/// implementer-defined (OpenFlow 1.3.5 §7.3.1 <c>ofp_switch_features.datapath_id</c>).
/// </summary>
/// <param name="Value">The raw 64-bit dpid.</param>
public readonly record struct DatapathId(ulong Value) : ISpanFormattable
{
    /// <summary>Formats as 16 lower-case hex digits (<c>0000000000000001</c>), as Open vSwitch prints it.</summary>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, "x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses 1–16 hex digits, optionally prefixed by <c>0x</c> and optionally separated by colons
    /// (<c>00:00:00:00:00:00:00:01</c>).
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid dpid.</exception>
    public static DatapathId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Replace(":", "", StringComparison.Ordinal);
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            s = s[2..];
        }

        if (s.Length is 0 or > 16 || !ulong.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException($"'{text}' is not a datapath id (1-16 hex digits).");
        }

        return new DatapathId(v);
    }
}
