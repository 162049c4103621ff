using System.Buffers;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

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
            Assert.Equal(name, v.Name);
            Assert.NotEmpty(v.Source);
            Assert.Matches("^(OFPT|OFPST|NXT|ONFT)_", v.OfpPrint);
            Assert.True(v.Bytes.Length >= 8, name);
            Assert.Equal(4, v.Bytes[0]);
            Assert.Equal(v.Bytes.Length, Hex.U16(v.Bytes, 2));
            Assert.StartsWith($"{v.Bytes.Length} bytes", v.Keys["length"], StringComparison.Ordinal);
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
        var v = GoldenVector.Load("v13", name);
        var m = Codec.Decode(v.Bytes);
        Assert.IsType(ExpectedType(v.Bytes), m);
        Assert.Equal(new Xid((uint)((v.Bytes[4] << 24) | (v.Bytes[5] << 16) | (v.Bytes[6] << 8) | v.Bytes[7])), m.Xid);
        if (m is UnknownMessage u)
        {
            Assert.Equal(v.Bytes[1], u.Type);
            Assert.Equal(v.Bytes[8..], u.Body.ToArray());
        }
        else if (m is UnknownMultipartRequest ur)
        {
            Assert.Equal(Hex.U16(v.Bytes, 8), ur.MultipartType);
            Assert.Equal(v.Bytes[16..], ur.Body.ToArray());
        }
        else if (m is UnknownMultipartReply up)
        {
            Assert.Equal(Hex.U16(v.Bytes, 8), up.MultipartType);
            Assert.Equal(v.Bytes[16..], up.Body.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(V13))]
    public void Re_encodes_byte_for_byte(string name)
    {
        var v = GoldenVector.Load("v13", name);
        var m = Codec.Decode(v.Bytes);
        Assert.Equal(v.Bytes.Length, Codec.GetLength(m));
        Assert.Equal(Hex.Format(v.Bytes), Hex.Format(Codec.Encode(m)));
    }

    [Theory]
    [MemberData(nameof(V13))]
    public void The_reader_consumes_exactly_the_header_length(string name)
    {
        var v = GoldenVector.Load("v13", name);
        var next = Hex.Parse("04 14 0008 0badcafe"); // a BARRIER_REQUEST right behind it
        var seq = new ReadOnlySequence<byte>([.. v.Bytes, .. next]);
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
        Assert.Null(r.Error);
        Assert.Equal(v.Bytes.Length, r.Header.Length);
        Assert.Equal(Codec.Decode(v.Bytes), r.Message);
        Assert.Equal(next, seq.ToArray());
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out r));
        Assert.Equal(new BarrierRequest { Xid = new Xid(0x0badcafe) }, r.Message);
    }

    [Theory]
    [MemberData(nameof(V13))]
    public void Split_into_two_segments_anywhere_decodes_the_same(string name)
    {
        var v = GoldenVector.Load("v13", name);
        var expected = Codec.Decode(v.Bytes);
        foreach (var cut in Offsets(v.Bytes.Length + 1, edge: 128))
        {
            var seq = Segments.Split(v.Bytes, cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r), $"cut {cut}");
            Assert.Equal(expected, r.Message);
        }
    }

    /// <summary>
    /// Every truncated prefix: the reader wants more bytes; the codec given the short frame throws only
    /// <see cref="OpenFlowDecodeException"/> (the header's length disagrees with the frame).
    /// </summary>
    [Theory]
    [MemberData(nameof(V13))]
    public void Every_truncated_prefix_needs_more_bytes_and_never_throws_anything_else(string name)
    {
        var v = GoldenVector.Load("v13", name);
        foreach (var n in Offsets(v.Bytes.Length))
        {
            var seq = new ReadOnlySequence<byte>(v.Bytes, 0, n);
            Assert.False(OpenFlowReader.TryRead(ref seq, Codec, out _), $"prefix {n}");
            Assert.Equal(n, seq.Length);
            var ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(v.Bytes.AsSpan(0, n)));
            Assert.Equal(ErrorType.BadRequest, ex.ErrorType);
            Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);
        }
    }

    /// <summary>
    /// The header length rewritten to every shorter value (the body is cut where the parsers still expect bytes):
    /// decoding either succeeds or throws <see cref="OpenFlowDecodeException"/>; the reader never throws for it.
    /// </summary>
    [Theory]
    [MemberData(nameof(V13))]
    public void A_header_length_shorter_than_the_body_needs_gives_a_decode_error_or_a_message(string name)
    {
        var v = GoldenVector.Load("v13", name);
        foreach (var n in Offsets(v.Bytes.Length).Where(n => n >= OfpHeader.Size))
        {
            var cut = v.Bytes[..n];
            Hex.SetU16(cut, 2, n);
            try
            {
                var m = Codec.Decode(cut);
                Assert.Equal(cut, Codec.Encode(m)); // whatever decodes must still re-encode as it came
            }
            catch (OpenFlowDecodeException)
            {
            }

            var seq = new ReadOnlySequence<byte>(cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
            Assert.True(r.Message is not null ^ r.Error is not null);
        }
    }

    /// <summary>
    /// All of 0..<paramref name="count"/>-1 for normal sizes; for big messages (the 61 KB TABLE_FEATURES part, the
    /// 6 KB TABLE stats reply) the first and last <paramref name="edge"/> offsets plus about 300 evenly spread in
    /// between, to keep the run short (comparing two 61 KB records takes milliseconds in a Debug build).
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
