using FsCheck;
using FsCheck.Fluent;

namespace Sdn.Grpc.Tests;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("5u", 50L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)] // rounded up to one tick
    [InlineData("0S", 0L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("99999999H", 3_599_999_964_000_000_000L)]
    public void Parses_every_unit(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var t));
        Assert.Equal(ticks, t.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("1")]
    [InlineData("123456789S")] // 9 digits
    [InlineData("1s")]
    [InlineData("1x")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData(" 1S")]
    [InlineData("1 S")]
    [InlineData("1.5S")]
    [InlineData("1SS")]
    public void Rejects_what_the_grammar_does_not_allow(string value) =>
        Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData(0L, "1n")]
    [InlineData(-5L, "1n")]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")] // 100 ms: nanoseconds would need 9 digits
    [InlineData(2_500_000L, "250000u")]
    [InlineData(1_000_000_000_000L, "100000S")] // 100,000,000 ms would need 9 digits
    [InlineData(1_000_000_000_001L, "100001S")] // rounded up, never shortened
    public void Formats_in_the_finest_unit_that_fits(long ticks, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Huge_timeouts_are_clamped() => Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));

    [Fact]
    public void Format_then_parse_never_shortens_and_stays_within_one_part_in_a_million()
    {
        Prop.ForAll<long>(raw =>
        {
            var ticks = Math.Abs(raw % 100_000_000_000_000L) + 1;
            var formatted = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));
            var ok = GrpcTimeout.TryParse(formatted, out var back);
            return ok && formatted.Length <= GrpcTimeout.MaxDigits + 1 && back.Ticks >= ticks && back.Ticks - ticks <= Math.Max(ticks / 1_000_000, 1);
        }).QuickCheckThrowOnFailure();
    }
}
