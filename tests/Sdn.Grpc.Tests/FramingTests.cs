using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Tests.Support;

namespace Sdn.Grpc.Tests;

public class FramingTests
{
    private static ReadOnlySequence<byte> Frame(byte[] payload, bool compressed)
    {
        var w = new ArrayBufferWriter<byte>();
        LengthPrefixedMessageWriter.Write(w, payload, compressed);
        return new ReadOnlySequence<byte>(w.WrittenMemory);
    }

    [Fact]
    public void Prefix_is_flag_then_big_endian_length()
    {
        var bytes = Frame([0xAA, 0xBB, 0xCC], compressed: true).ToArray();
        Assert.Equal(new byte[] { 1, 0, 0, 0, 3, 0xAA, 0xBB, 0xCC }, bytes);
    }

    [Fact]
    public void Round_trip_any_payload_and_flag_even_split_into_segments()
    {
        Prop.ForAll<byte[], bool, byte>((payload, compressed, splitSeed) =>
        {
            var bytes = Frame(payload, compressed).ToArray();
            var step = 1 + (splitSeed % 7);
            var seq = Segments.Split(bytes, [.. Enumerable.Range(1, (bytes.Length - 1) / step).Select(i => i * step)]);
            var result = LengthPrefixedMessageReader.TryRead(ref seq, int.MaxValue, out var frame);
            return result == FrameReadResult.Message && seq.IsEmpty && frame.Compressed == compressed
                && frame.Length == payload.Length && frame.Payload.ToArray().AsSpan().SequenceEqual(payload);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_truncation_needs_more_data_and_consumes_nothing()
    {
        var bytes = Frame([1, 2, 3, 4, 5, 6], compressed: false).ToArray();
        for (var len = 0; len < bytes.Length; len++)
        {
            var seq = new ReadOnlySequence<byte>(bytes, 0, len);
            Assert.Equal(FrameReadResult.NeedMoreData, LengthPrefixedMessageReader.TryRead(ref seq, 100, out _));
            Assert.Equal(len, seq.Length);
        }
    }

    [Fact]
    public void Two_messages_in_one_buffer_are_read_in_order()
    {
        var w = new ArrayBufferWriter<byte>();
        LengthPrefixedMessageWriter.Write(w, [7], compressed: false);
        LengthPrefixedMessageWriter.Write(w, [], compressed: false);
        var seq = new ReadOnlySequence<byte>(w.WrittenMemory);
        Assert.Equal(FrameReadResult.Message, LengthPrefixedMessageReader.TryRead(ref seq, 10, out var a));
        Assert.Equal(FrameReadResult.Message, LengthPrefixedMessageReader.TryRead(ref seq, 10, out var b));
        Assert.Equal(new byte[] { 7 }, a.Payload.ToArray());
        Assert.Equal(0u, b.Length);
        Assert.True(seq.IsEmpty);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void A_compressed_flag_other_than_0_or_1_is_an_error(byte flag)
    {
        var seq = new ReadOnlySequence<byte>(new byte[] { flag, 0, 0, 0, 0 });
        Assert.Equal(FrameReadResult.InvalidCompressedFlag, LengthPrefixedMessageReader.TryRead(ref seq, 10, out _));
    }

    [Fact]
    public void Oversize_is_rejected_from_the_prefix_alone()
    {
        // Only the 5-byte prefix has arrived; the 4 GiB body never needs to be buffered.
        var seq = new ReadOnlySequence<byte>(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF });
        Assert.Equal(FrameReadResult.MessageTooLarge, LengthPrefixedMessageReader.TryRead(ref seq, 4 * 1024 * 1024, out var frame));
        Assert.Equal(uint.MaxValue, frame.Length);
        Assert.Equal(5, seq.Length);
    }

    [Fact]
    public void Exactly_the_limit_is_accepted()
    {
        var seq = Frame(new byte[16], compressed: false);
        Assert.Equal(FrameReadResult.Message, LengthPrefixedMessageReader.TryRead(ref seq, 16, out _));
        seq = Frame(new byte[17], compressed: false);
        Assert.Equal(FrameReadResult.MessageTooLarge, LengthPrefixedMessageReader.TryRead(ref seq, 16, out _));
    }

    [Fact]
    public void Gzip_round_trip_and_bounded_decompression()
    {
        var payload = new byte[100_000];
        var compressed = GzipMessageCodec.Compress(payload);
        Assert.True(compressed.Length < 1000);
        Assert.True(GzipMessageCodec.TryDecompress(new ReadOnlySequence<byte>(compressed), payload.Length, out var back));
        Assert.Equal(payload, back);
        Assert.False(GzipMessageCodec.TryDecompress(new ReadOnlySequence<byte>(compressed), payload.Length - 1, out _));
    }
}
