using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>Shared assertions for encode/decode round trips.</summary>
public static class RoundTrip
{
    public static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    /// <summary>
    /// encode → bytes: length agrees with GetLength, Write and the header; decode(bytes) == message; re-encoding the
    /// decoded record gives the same bytes; the stream reader yields the same record.
    /// </summary>
    public static byte[] AssertRoundTrips(OfpMessage message)
    {
        var length = Codec.GetLength(message);
        var bytes = Codec.Encode(message);
        Assert.Equal(length, bytes.Length);

        // Write into a larger buffer: it must report exactly GetLength and leave the rest untouched.
        var big = new byte[length + 16];
        Array.Fill(big, (byte)0xa5);
        Assert.Equal(length, Codec.Write(message, big));
        Assert.Equal(bytes, big[..length]);
        Assert.All(big[length..], b => Assert.Equal(0xa5, b));

        var header = OfpHeader.Read(bytes);
        Assert.Equal(0x04, header.Version);
        Assert.Equal(length, header.Length);
        Assert.Equal(message.Xid, header.Xid);
        if (message is not UnknownMessage)
        {
            Assert.Equal((byte)OpenFlow13Codec.TypeOf(message), header.Type);
        }

        var decoded = Codec.Decode(bytes);
        Assert.Equal(message, decoded);
        Assert.Equal(bytes, Codec.Encode(decoded));

        var seq = new ReadOnlySequence<byte>(bytes);
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var result));
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
