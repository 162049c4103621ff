using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V10;

namespace Sdn.OpenFlow.Tests.Golden.V10;

/// <summary>
/// Every OpenFlow 1.0 vector captured from Open vSwitch 3.1 / ovs-ofctl (Golden/v10/*.hex): decodes to the record
/// type its header promises, consumes exactly the header length, re-encodes byte for byte, and survives truncation.
/// All 17 vectors re-encode byte-exact (OVS writes zeros under wildcards and the wildcard count 32 that the encoder
/// writes too).
/// </summary>
public class GoldenVector10Tests
{
    private static readonly OpenFlow10Codec Codec = OpenFlow10Codec.Instance;

    public static TheoryData<string> V10() => new(GoldenVector.Names("v10"));

    [Fact]
    public void The_golden_folder_has_the_17_vectors_and_they_are_well_formed()
    {
        var names = GoldenVector.Names("v10");
        Assert.Equal(17, names.Count);
        foreach (var name in names)
        {
            GoldenChecks.WellFormed(GoldenVector.Load("v10", name), name, version: 1);
        }
    }

    /// <summary>The record type OpenFlow 1.0.0 §5.1 <c>ofp_type</c> (and §5.3.5 stats types) says, written out independently of the codec.</summary>
    private static Type ExpectedType(byte[] bytes)
    {
        var st = bytes.Length >= 10 ? Hex.U16(bytes, 8) : -1;
        return bytes[1] switch
        {
            0 => typeof(Hello),
            1 => typeof(Error),
            2 => typeof(EchoRequest),
            3 => typeof(EchoReply),
            5 => typeof(FeaturesRequest),
            6 => typeof(FeaturesReply),
            7 => typeof(GetConfigRequest),
            8 => typeof(GetConfigReply),
            9 => typeof(SetConfig),
            10 => typeof(PacketIn),
            11 => typeof(FlowRemoved),
            12 => typeof(PortStatus),
            13 => typeof(PacketOut),
            14 => typeof(FlowMod),
            16 => st switch { 0 => typeof(DescRequest), 1 => typeof(FlowStatsRequest), 2 => typeof(AggregateStatsRequest), 3 => typeof(TableStatsRequest), 4 => typeof(PortStatsRequest), _ => typeof(UnknownMultipartRequest) },
            17 => st switch { 0 => typeof(DescReply), 1 => typeof(FlowStatsReply), 2 => typeof(AggregateStatsReply), 3 => typeof(TableStatsReply), 4 => typeof(PortStatsReply), _ => typeof(UnknownMultipartReply) },
            18 => typeof(BarrierRequest),
            19 => typeof(BarrierReply),
            _ => typeof(UnknownMessage),
        };
    }

    [Theory]
    [MemberData(nameof(V10))]
    public void Decodes_to_the_expected_record_type(string name)
    {
        var bytes = Load(name);
        GoldenChecks.DecodesTo(Codec, bytes, ExpectedType(bytes));
    }

    [Theory]
    [MemberData(nameof(V10))]
    public void Re_encodes_byte_for_byte(string name) => GoldenChecks.ReEncodesByteForByte(Codec, Load(name));

    /// <summary>A 1.0 BARRIER_REQUEST (xid 0x0badcafe) right behind the vector.</summary>
    [Theory]
    [MemberData(nameof(V10))]
    public void The_reader_consumes_exactly_the_header_length(string name) =>
        GoldenChecks.ReaderConsumesExactlyTheHeaderLength(Codec, Load(name), Hex.Parse("01 12 0008 0badcafe"));

    [Theory]
    [MemberData(nameof(V10))]
    public void Split_into_two_segments_anywhere_decodes_the_same(string name) => GoldenChecks.SplitAnywhereDecodesTheSame(Codec, Load(name));

    /// <summary>See <see cref="GoldenChecks.EveryTruncatedPrefixNeedsMoreBytes"/>.</summary>
    [Theory]
    [MemberData(nameof(V10))]
    public void Every_truncated_prefix_needs_more_bytes_and_never_throws_anything_else(string name) =>
        GoldenChecks.EveryTruncatedPrefixNeedsMoreBytes(Codec, Load(name));

    /// <summary>See <see cref="GoldenChecks.ShorterHeaderLengthGivesADecodeErrorOrAMessage"/>.</summary>
    [Theory]
    [MemberData(nameof(V10))]
    public void A_header_length_shorter_than_the_body_needs_gives_a_decode_error_or_a_message(string name) =>
        GoldenChecks.ShorterHeaderLengthGivesADecodeErrorOrAMessage(Codec, Load(name));

    private static byte[] Load(string name) => GoldenVector.Load("v10", name).Bytes;
}
