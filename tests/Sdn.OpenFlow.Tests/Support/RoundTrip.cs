using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>One OpenFlow version's codec and what its headers must say, for <see cref="RoundTrip.AssertRoundTrips(CodecUnderTest, OfpMessage)"/>.</summary>
/// <param name="Codec">The codec under test.</param>
/// <param name="HeaderVersion">The version byte the header of an encoded message must carry.</param>
/// <param name="HeaderType">The type byte the header of an encoded (modelled) message must carry.</param>
public sealed record CodecUnderTest(
    IOpenFlowCodec Codec,
    Func<OfpMessage, byte> HeaderVersion,
    Func<OfpMessage, byte> HeaderType);

/// <summary>Shared assertions for encode/decode round trips.</summary>
public static class RoundTrip
{
    public static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    /// <summary>The 1.3 codec: every header says version 0x04.</summary>
    public static readonly CodecUnderTest V13 = new(Codec, _ => 0x04, m => (byte)OpenFlow13Codec.TypeOf(m));

    /// <summary>The 1.0 codec: a HELLO carries its own version, everything else says 0x01.</summary>
    public static readonly CodecUnderTest V10 = new(
        OpenFlow10Codec.Instance, m => m is Hello h ? h.Version : (byte)0x01, m => (byte)OpenFlow10Codec.TypeOf(m));

    /// <summary><see cref="AssertRoundTrips(CodecUnderTest, OfpMessage)"/> for the 1.3 codec.</summary>
    public static byte[] AssertRoundTrips(OfpMessage message) => AssertRoundTrips(V13, message);

    /// <summary>
    /// encode → bytes: length agrees with GetLength, Write and the header; decode(bytes) == message; re-encoding the
    /// decoded record gives the same bytes; the stream reader yields the same record and consumes the whole frame.
    /// </summary>
    public static byte[] AssertRoundTrips(CodecUnderTest under, OfpMessage message)
    {
        var codec = under.Codec;
        var length = codec.GetLength(message);
        var bytes = codec.Encode(message);
        Assert.Equal(length, bytes.Length);

        // Write into a larger buffer: it must report exactly GetLength and leave the rest untouched.
        var big = new byte[length + 16];
        Array.Fill(big, (byte)0xa5);
        Assert.Equal(length, codec.Write(message, big));
        Assert.Equal(bytes, big[..length]);
        Assert.All(big[length..], b => Assert.Equal(0xa5, b));

        var header = OfpHeader.Read(bytes);
        Assert.Equal(under.HeaderVersion(message), header.Version);
        Assert.Equal(length, header.Length);
        Assert.Equal(message.Xid, header.Xid);
        if (message is not UnknownMessage)
        {
            Assert.Equal(under.HeaderType(message), header.Type);
        }

        var decoded = codec.Decode(bytes);
        Assert.Equal(message, decoded);
        Assert.Equal(bytes, codec.Encode(decoded));

        var seq = new ReadOnlySequence<byte>(bytes);
        Assert.True(OpenFlowReader.TryRead(ref seq, codec, out var result));
        Assert.Null(result.Error);
        Assert.Equal(message, result.Message);
        Assert.Equal(0, seq.Length);

        return bytes;
    }

    /// <summary>Runs <paramref name="body"/> for <paramref name="count"/> generated values; throws with the counterexample on failure.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> body, int count = 200)
    {
        var prop = Prop.ForAll(Arb.From(gen), body);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), prop);
    }
}
