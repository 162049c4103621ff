using System.Buffers;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>
/// The checks every golden vector goes through, whatever its OpenFlow version (Golden/v10, Golden/v13): the test
/// classes pass the codec of their version and the vector's bytes.
/// </summary>
public static class GoldenChecks
{
    /// <summary>The vector file is consistent: its name, the header's version byte and length, and its <c># length:</c> key.</summary>
    public static void WellFormed(GoldenVector v, string name, byte version)
    {
        Assert.Equal(name, v.Name);
        Assert.Equal(version, v.Bytes[0]);
        Assert.Equal(v.Bytes.Length, Hex.U16(v.Bytes, 2));
        Assert.StartsWith($"{v.Bytes.Length} bytes", v.Keys["length"], StringComparison.Ordinal);
    }

    /// <summary>Decodes to <paramref name="expected"/> carrying the header's xid; returns the message for further checks.</summary>
    public static OfpMessage DecodesTo(IOpenFlowCodec codec, byte[] bytes, Type expected)
    {
        var m = codec.Decode(bytes);
        Assert.IsType(expected, m);
        Assert.Equal(new Xid((uint)((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7])), m.Xid);
        return m;
    }

    /// <summary>The decoded message has the vector's length and encodes back to the same bytes.</summary>
    public static void ReEncodesByteForByte(IOpenFlowCodec codec, byte[] bytes)
    {
        var m = codec.Decode(bytes);
        Assert.Equal(bytes.Length, codec.GetLength(m));
        Assert.Equal(Hex.Format(bytes), Hex.Format(codec.Encode(m)));
    }

    /// <summary>
    /// With <paramref name="barrierRequest"/> (a BARRIER_REQUEST of the codec's version, xid 0x0badcafe, written by
    /// hand) right behind the vector, the reader takes the vector's header length, then the barrier, then nothing.
    /// </summary>
    public static void ReaderConsumesExactlyTheHeaderLength(IOpenFlowCodec codec, byte[] bytes, byte[] barrierRequest)
    {
        var seq = new ReadOnlySequence<byte>([.. bytes, .. barrierRequest]);
        Assert.True(OpenFlowReader.TryRead(ref seq, codec, out var r));
        Assert.Null(r.Error);
        Assert.Equal(bytes.Length, r.Header.Length);
        Assert.Equal(codec.Decode(bytes), r.Message);
        Assert.Equal(barrierRequest, seq.ToArray());
        Assert.True(OpenFlowReader.TryRead(ref seq, codec, out r));
        Assert.Equal(new BarrierRequest { Xid = new Xid(0x0badcafe) }, r.Message);
        Assert.Equal(0, seq.Length);
    }

    /// <summary>Cut into two segments at any offset (sampled for big vectors), the reader decodes the same message.</summary>
    public static void SplitAnywhereDecodesTheSame(IOpenFlowCodec codec, byte[] bytes)
    {
        var expected = codec.Decode(bytes);
        foreach (var cut in Offsets(bytes.Length + 1, edge: 128))
        {
            var seq = Segments.Split(bytes, cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, codec, out var r), $"cut {cut}");
            Assert.Equal(expected, r.Message);
        }
    }

    /// <summary>
    /// Every truncated prefix: the reader wants more bytes; the codec given the short frame throws only
    /// <see cref="OpenFlowDecodeException"/> (BAD_REQUEST / BAD_LEN: the header's length disagrees with the frame).
    /// </summary>
    public static void EveryTruncatedPrefixNeedsMoreBytes(IOpenFlowCodec codec, byte[] bytes)
    {
        foreach (var n in Offsets(bytes.Length))
        {
            var seq = new ReadOnlySequence<byte>(bytes, 0, n);
            Assert.False(OpenFlowReader.TryRead(ref seq, codec, out _), $"prefix {n}");
            Assert.Equal(n, seq.Length);
            var ex = Assert.Throws<OpenFlowDecodeException>(() => codec.Decode(bytes.AsSpan(0, n)));
            Assert.Equal(ErrorType.BadRequest, ex.ErrorType);
            Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);
        }
    }

    /// <summary>
    /// The header length rewritten to every shorter value (the body cut where the parsers still expect bytes):
    /// decoding either succeeds, and then re-encodes as it came, or throws <see cref="OpenFlowDecodeException"/>;
    /// the reader never throws for it and gives a message or an error.
    /// </summary>
    public static void ShorterHeaderLengthGivesADecodeErrorOrAMessage(IOpenFlowCodec codec, byte[] bytes)
    {
        foreach (var n in Offsets(bytes.Length).Where(n => n >= OfpHeader.Size))
        {
            var cut = bytes[..n];
            Hex.SetU16(cut, 2, n);
            try
            {
                var m = codec.Decode(cut);
                Assert.Equal(Hex.Format(cut), Hex.Format(codec.Encode(m)));
            }
            catch (OpenFlowDecodeException)
            {
            }

            var seq = new ReadOnlySequence<byte>(cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, codec, out var r));
            Assert.True(r.Message is not null ^ r.Error is not null);
        }
    }

    /// <summary>
    /// All of 0..<paramref name="count"/>-1 for normal sizes (every 1.0 vector); for big messages (the 61 KB
    /// TABLE_FEATURES part, the 6 KB TABLE stats reply) the first and last <paramref name="edge"/> offsets plus about
    /// 300 evenly spread in between, to keep the run short (comparing two 61 KB records takes milliseconds in a Debug build).
    /// </summary>
    private static IEnumerable<int> Offsets(int count, int edge = 2048)
    {
        if (count <= 2 * edge)
        {
            return Enumerable.Range(0, count);
        }

        var step = Math.Max(1, (count - (2 * edge)) / 300) | 1;
        return Enumerable.Range(0, edge)
            .Concat(Enumerable.Range(edge, count - (2 * edge)).Where(i => i % step == 0))
            .Concat(Enumerable.Range(count - edge, edge));
    }
}
