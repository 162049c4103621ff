using System.Buffers;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.Wire;

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
            var v = GoldenVector.Load("v10", name);
            Assert.Equal(name, v.Name);
            Assert.Equal(1, v.Bytes[0]);
            Assert.Equal(v.Bytes.Length, Hex.U16(v.Bytes, 2));
            Assert.StartsWith($"{v.Bytes.Length} bytes", v.Keys["length"], StringComparison.Ordinal);
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
        var v = GoldenVector.Load("v10", name);
        var m = Codec.Decode(v.Bytes);
        Assert.IsType(ExpectedType(v.Bytes), m);
        Assert.Equal(new Xid((uint)((v.Bytes[4] << 24) | (v.Bytes[5] << 16) | (v.Bytes[6] << 8) | v.Bytes[7])), m.Xid);
    }

    [Theory]
    [MemberData(nameof(V10))]
    public void Re_encodes_byte_for_byte(string name)
    {
        var v = GoldenVector.Load("v10", name);
        var m = Codec.Decode(v.Bytes);
        Assert.Equal(v.Bytes.Length, Codec.GetLength(m));
        Assert.Equal(Hex.Format(v.Bytes), Hex.Format(Codec.Encode(m)));
    }

    [Theory]
    [MemberData(nameof(V10))]
    public void The_reader_consumes_exactly_the_header_length(string name)
    {
        var v = GoldenVector.Load("v10", name);
        var next = Hex.Parse("01 12 0008 0badcafe"); // a 1.0 BARRIER_REQUEST right behind it
        var seq = new ReadOnlySequence<byte>([.. v.Bytes, .. next]);
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
        Assert.Null(r.Error);
        Assert.Equal(Codec.Decode(v.Bytes), r.Message);
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out r));
        Assert.Equal(new BarrierRequest { Xid = new Xid(0x0badcafe) }, r.Message);
        Assert.Equal(0, seq.Length);
    }

    [Theory]
    [MemberData(nameof(V10))]
    public void Split_into_two_segments_anywhere_decodes_the_same(string name)
    {
        var v = GoldenVector.Load("v10", name);
        var expected = Codec.Decode(v.Bytes);
        for (var cut = 0; cut <= v.Bytes.Length; cut++)
        {
            var seq = Segments.Split(v.Bytes, cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r), $"cut {cut}");
            Assert.Equal(expected, r.Message);
        }
    }

    /// <summary>Every truncated prefix: the reader wants more bytes; the codec given the short frame throws only <see cref="OpenFlowDecodeException"/>.</summary>
    [Theory]
    [MemberData(nameof(V10))]
    public void Every_truncated_prefix_needs_more_bytes_and_never_throws_anything_else(string name)
    {
        var v = GoldenVector.Load("v10", name);
        for (var n = 0; n < v.Bytes.Length; n++)
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
    /// The header length rewritten to every shorter value (the body cut where the parser still expects bytes):
    /// decoding either succeeds or throws <see cref="OpenFlowDecodeException"/>; the reader never throws for it.
    /// </summary>
    [Theory]
    [MemberData(nameof(V10))]
    public void A_header_length_shorter_than_the_body_needs_gives_a_decode_error_or_a_message(string name)
    {
        var v = GoldenVector.Load("v10", name);
        for (var n = OfpHeader.Size; n < v.Bytes.Length; n++)
        {
            var cut = v.Bytes[..n];
            Hex.SetU16(cut, 2, n);
            try
            {
                var m = Codec.Decode(cut);
                Assert.Equal(Hex.Format(cut), Hex.Format(Codec.Encode(m))); // whatever decodes must re-encode as it came
            }
            catch (OpenFlowDecodeException)
            {
            }

            var seq = new ReadOnlySequence<byte>(cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
            Assert.True(r.Message is not null ^ r.Error is not null);
        }
    }
}
