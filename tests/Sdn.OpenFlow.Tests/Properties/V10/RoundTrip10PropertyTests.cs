using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.Tests.Support.V10;
using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Properties.V10;

/// <summary>decode(encode(m)) == m and GetLength(m) == encode(m).Length for every kind the 1.0 codec models, over what 1.0 can express.</summary>
public class RoundTrip10PropertyTests
{
    /// <summary>The shared round-trip assertions (<see cref="RoundTrip.AssertRoundTrips(CodecUnderTest, OfpMessage)"/>), for the 1.0 codec.</summary>
    private static byte[] AssertRoundTrips(OfpMessage message) => RoundTrip.AssertRoundTrips(RoundTrip.V10, message);

    public static TheoryData<string> Kinds() => new(Gens10.ByKind.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_message_kind_round_trips(string kind)
    {
        var count = kind is "FeaturesRequest" or "GetConfigRequest" or "BarrierRequest" or "BarrierReply" ? 20 : 300;
        RoundTrip.Check(Gens.WithXid(Gens10.ByKind[kind]), m => AssertRoundTrips(m), count);
    }

    public static TheoryData<string> StatsKinds() => new(Gens10.StatsByKind.Keys);

    [Theory]
    [MemberData(nameof(StatsKinds))]
    public void Every_stats_type_round_trips(string kind)
    {
        RoundTrip.Check(Gens.WithXid(Gens10.WithFlags(Gens10.StatsByKind[kind])), m =>
        {
            Assert.Equal(kind, m.GetType().Name);
            AssertRoundTrips(m);
        }, 60);
    }

    [Fact]
    public void Mixed_messages_round_trip()
    {
        RoundTrip.Check(Gens10.Message, m => AssertRoundTrips(m), 500);
    }

    [Fact]
    public void Every_ofp_match_the_decoder_accepts_re_encodes_to_itself_after_one_normalisation()
    {
        // Random 40-byte matches: decoding never throws, and decode → encode → decode is stable (the encoder's output is canonical).
        RoundTrip.Check(Gens.Bytes(40, 40), raw =>
        {
            var r = new SpanReader(raw);
            var m = MatchCodec10.Read(ref r);
            var bytes = new byte[MatchCodec10.Length];
            var w = new SpanWriter(bytes);
            MatchCodec10.Write(ref w, m);
            var r2 = new SpanReader(bytes);
            Assert.Equal(m, MatchCodec10.Read(ref r2));
        }, 2000);
    }
}
