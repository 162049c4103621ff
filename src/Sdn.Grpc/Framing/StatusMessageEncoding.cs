using System.Text;

namespace Sdn.Grpc;

/// <summary>
/// Percent-encoding of the <c>grpc-message</c> value (PROTOCOL-HTTP2.md "Responses": Status-Message is UTF-8 then
/// percent-encoded; Percent-Byte-Unencoded is %x20-%x24 / %x26-%x7E, everything else is "%" 2HEXDIGIT).
/// </summary>
public static class StatusMessageEncoding
{
    /// <summary>Encodes <paramref name="message"/> as UTF-8, percent-encoding every byte outside the unencoded range
    /// (upper-case hex). Unpaired surrogates become U+FFFD.</summary>
    /// <param name="message">The status detail text.</param>
    /// <returns>The header value; ASCII only.</returns>
    public static string Encode(string message)
    {
        if (!NeedsEncoding(message))
        {
            return message;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnencoded(b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Decodes a <c>grpc-message</c> value. Never fails (the spec forbids discarding the message): a broken
    /// %-sequence is kept as-is and invalid UTF-8 becomes U+FFFD.
    /// </summary>
    /// <param name="value">The header value as received.</param>
    /// <returns>The status detail text.</returns>
    public static string Decode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var hi) && TryHex(value[i + 2], out var lo))
            {
                bytes.Add((byte)((hi << 4) | lo));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                // Not valid in a header value per the spec, but never thrown away: keep the character.
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool NeedsEncoding(string message)
    {
        foreach (var c in message)
        {
            if (c > 0x7E || !IsUnencoded((byte)c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnencoded(byte b) => b is >= 0x20 and <= 0x7E and not (byte)'%';

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
