namespace Sdn.Packets.Tests.Support;

/// <summary>Test byte helpers.</summary>
public static class Bytes
{
    /// <summary>Hex digits to bytes; whitespace and '|' separators are ignored so fields can be grouped.</summary>
    public static byte[] FromHex(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c) && c != '|')));

    /// <summary>Lower-case hex.</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>
    /// Asserts that every strict prefix of <paramref name="frame"/> shorter than <paramref name="validFrom"/> is refused
    /// by the summary parser with a message, and that every prefix from there on parses to <paramref name="expected"/>.
    /// Bounded by the frame length.
    /// </summary>
    public static void AssertPrefixes(byte[] frame, int validFrom, PacketSummary expected)
    {
        for (var n = 0; n < frame.Length; n++)
        {
            var ok = PacketParser.TryParse(frame.AsSpan(0, n), out var summary, out var error);
            if (n < validFrom)
            {
                Assert.False(ok, $"accepted a {n}-byte prefix: {summary}");
                Assert.False(string.IsNullOrEmpty(error));
                var ex = Assert.Throws<PacketDecodeException>(() => PacketParser.Parse(frame.AsSpan(0, n)));
                Assert.Equal(error, ex.Message);
            }
            else
            {
                Assert.True(ok, $"refused a {n}-byte prefix: {error}");
                Assert.Equal(expected with { PayloadLength = 0 }, summary with { PayloadLength = 0 });
            }
        }
    }
}
