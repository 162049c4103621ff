using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V13;

namespace Sdn.OpenFlow.Tests.Golden;

/// <summary>
/// Every OpenFlow 1.3 vector captured from Open vSwitch 3.1 / ovs-ofctl (Golden/v13/*.hex): decodes to the record
/// type its header promises, consumes exactly the header length, re-encodes byte for byte, and survives truncation.
/// </summary>
public class GoldenVectorTests
{
    private static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    public static TheoryData<string> V13() => new(GoldenVector.Names("v13"));

    [Fact]
    public void The_golden_folder_is_there_and_well_formed()
    {
        var names = GoldenVector.Names("v13");
        Assert.True(names.Count >= 100, $"only {names.Count} v13 vectors found in {GoldenVector.Root}");
        foreach (var name in names)
        {
            var v = GoldenVector.Load("v13", name);
            Assert.NotEmpty(v.Source);
            Assert.Matches("^(OFPT|OFPST|NXT|ONFT)_", v.OfpPrint);
            Assert.True(v.Bytes.Length >= 8, name);
            GoldenChecks.WellFormed(v, name, version: 4);
        }
    }

    /// <summary>
    /// The record type the spec numbers say a message must decode to (OpenFlow 1.3.5 §7.1 <c>ofp_type</c>, §7.3.5
    /// <c>ofp_multipart_type</c>), written out here independently of the codec's own tables.
    /// </summary>
    private static Type ExpectedType(byte[] bytes)
    {
        var type = bytes[1];
        var mp = bytes.Length >= 10 ? Hex.U16(bytes, 8) : -1;
        return type switch
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
            15 => typeof(GroupMod),
            18 => mp switch
            {
                0 => typeof(DescRequest),
                1 => typeof(FlowStatsRequest),
                2 => typeof(AggregateStatsRequest),
                3 => typeof(TableStatsRequest),
                4 => typeof(PortStatsRequest),
                13 => typeof(PortDescRequest),
                _ => typeof(UnknownMultipartRequest),
            },
            19 => mp switch
            {
                0 => typeof(DescReply),
                1 => typeof(FlowStatsReply),
                2 => typeof(AggregateStatsReply),
                3 => typeof(TableStatsReply),
                4 => typeof(PortStatsReply),
                13 => typeof(PortDescReply),
                _ => typeof(UnknownMultipartReply),
            },
            20 => typeof(BarrierRequest),
            21 => typeof(BarrierReply),
            // EXPERIMENTER (4), PORT_MOD (16), TABLE_MOD (17), QUEUE_GET_CONFIG (22/23), ROLE (24/25), ASYNC (26-28), METER_MOD (29).
            _ => typeof(UnknownMessage),
        };
    }

    [Theory]
    [MemberData(nameof(V13))]
    public void Decodes_to_the_expected_record_type(string name)
    {
        var bytes = Load(name);
        var m = GoldenChecks.DecodesTo(Codec, bytes, ExpectedType(bytes));
        if (m is UnknownMessage u)
        {
            Assert.Equal(bytes[1], u.Type);
            Assert.Equal(bytes[8..], u.Body.ToArray());
        }
        else if (m is UnknownMultipartRequest ur)
        {
            Assert.Equal(Hex.U16(bytes, 8), ur.MultipartType);
            Assert.Equal(bytes[16..], ur.Body.ToArray());
        }
        else if (m is UnknownMultipartReply up)
        {
            Assert.Equal(Hex.U16(bytes, 8), up.MultipartType);
            Assert.Equal(bytes[16..], up.Body.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(V13))]
    public void Re_encodes_byte_for_byte(string name) => GoldenChecks.ReEncodesByteForByte(Codec, Load(name));

    /// <summary>A BARRIER_REQUEST (xid 0x0badcafe) right behind the vector.</summary>
    [Theory]
    [MemberData(nameof(V13))]
    public void The_reader_consumes_exactly_the_header_length(string name) =>
        GoldenChecks.ReaderConsumesExactlyTheHeaderLength(Codec, Load(name), Hex.Parse("04 14 0008 0badcafe"));

    [Theory]
    [MemberData(nameof(V13))]
    public void Split_into_two_segments_anywhere_decodes_the_same(string name) => GoldenChecks.SplitAnywhereDecodesTheSame(Codec, Load(name));

    /// <summary>See <see cref="GoldenChecks.EveryTruncatedPrefixNeedsMoreBytes"/>.</summary>
    [Theory]
    [MemberData(nameof(V13))]
    public void Every_truncated_prefix_needs_more_bytes_and_never_throws_anything_else(string name) =>
        GoldenChecks.EveryTruncatedPrefixNeedsMoreBytes(Codec, Load(name));

    /// <summary>See <see cref="GoldenChecks.ShorterHeaderLengthGivesADecodeErrorOrAMessage"/>.</summary>
    [Theory]
    [MemberData(nameof(V13))]
    public void A_header_length_shorter_than_the_body_needs_gives_a_decode_error_or_a_message(string name) =>
        GoldenChecks.ShorterHeaderLengthGivesADecodeErrorOrAMessage(Codec, Load(name));

    private static byte[] Load(string name) => GoldenVector.Load("v13", name).Bytes;
}
