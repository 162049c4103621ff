using System.Globalization;

namespace Sdn.Grpc;

/// <summary>
/// The <c>grpc-timeout</c> header (PROTOCOL-HTTP2.md "Requests": Timeout is TimeoutValue TimeoutUnit, the value a
/// positive integer of at most 8 ASCII digits, the unit one of H, M, S, m, u, n).
/// </summary>
public static class GrpcTimeout
{
    /// <summary>Most digits a TimeoutValue may have.</summary>
    public const int MaxDigits = 8;

    private const long MaxValue = 99_999_999;

    /// <summary>
    /// Parses a <c>grpc-timeout</c> value. Accepts 1 to 8 digits followed by one unit letter; "0" is accepted too
    /// (an already expired deadline) although the grammar says positive. Nanoseconds are rounded up to whole
    /// 100 ns ticks.
    /// </summary>
    /// <param name="value">The header value.</param>
    /// <param name="timeout">The timeout, on success.</param>
    /// <returns>False when the value does not follow the grammar.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length < 2 || value.Length > MaxDigits + 1)
        {
            return false;
        }

        var digits = value[..^1];
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var n = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long? ticks = value[^1] switch
        {
            'H' => n * TimeSpan.TicksPerHour,
            'M' => n * TimeSpan.TicksPerMinute,
            'S' => n * TimeSpan.TicksPerSecond,
            'm' => n * TimeSpan.TicksPerMillisecond,
            'u' => n * TimeSpan.TicksPerMicrosecond,
            'n' => (n + 99) / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>
    /// Formats a timeout in the finest unit whose value fits in 8 digits, rounding up so the peer never sees a
    /// shorter deadline than the caller's. Zero or negative timeouts format as "1n"; timeouts beyond 99,999,999 hours
    /// are clamped to that.
    /// </summary>
    /// <param name="timeout">The time left until the deadline.</param>
    /// <returns>The header value, for example "250m".</returns>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(timeout.Ticks, 0);
        if (ticks <= MaxValue / 100)
        {
            return Math.Max(ticks * 100, 1).ToString(CultureInfo.InvariantCulture) + "n";
        }

        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TimeSpan.TicksPerMicrosecond, 'u'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (perUnit, unit) in units)
        {
            var value = (ticks / perUnit) + (ticks % perUnit == 0 ? 0 : 1);
            if (value <= MaxValue)
            {
                return value.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }
}
