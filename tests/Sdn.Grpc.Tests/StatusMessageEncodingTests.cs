using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Sdn.Grpc.Tests;

public class StatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain text, ok!", "plain text, ok!")]
    [InlineData("100%", "100%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("~\u007F", "~%7F")]
    [InlineData("✓", "%E2%9C%93")]
    public void Encodes_per_the_spec(string message, string encoded)
    {
        Assert.Equal(encoded, StatusMessageEncoding.Encode(message));
        Assert.Equal(message, StatusMessageEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz and %41", "%zz and A")]
    [InlineData("%c3%a9", "é")] // lower-case hex is accepted
    [InlineData("%FF", "\uFFFD")] // invalid UTF-8 is replaced, never an error
    public void Decoding_never_throws_the_message_away(string value, string decoded) =>
        Assert.Equal(decoded, StatusMessageEncoding.Decode(value));

    [Fact]
    public void Round_trip_for_any_text_and_only_allowed_characters_on_the_wire()
    {
        Prop.ForAll<string>(s =>
        {
            s ??= "";
            var expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)); // lone surrogates become U+FFFD
            var encoded = StatusMessageEncoding.Encode(s);
            return StatusMessageEncoding.Decode(encoded) == expected
                && encoded.All(c => c is >= ' ' and <= '~');
        }).QuickCheckThrowOnFailure();
    }
}
