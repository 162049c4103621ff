using System.Buffers;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Unit;

public class FramerReaderTests
{
    private static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    private static readonly OfpMessage[] Samples =
    [
        Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow13) with { Xid = new Xid(1) },
        new EchoRequest([1, 2, 3, 4, 5]) { Xid = new Xid(2) },
        new FeaturesReply(new DatapathId(0xa01), 256, 254, 0, SwitchCapabilities.FlowStats | SwitchCapabilities.PortStats) { Xid = new Xid(3) },
        new FlowMod(
            FlowModCommand.Add,
            new Match([OxmField.InPort(new PortNumber(1)), OxmField.EthType(0x0800), OxmField.Ipv4Dst(0x0a000001, 0xffffff00)]),
            [new ApplyActionsInstruction([new OutputAction(new PortNumber(2))]), new GotoTableInstruction(3)])
        { Xid = new Xid(4), Priority = 100, IdleTimeout = 10 },
        new PortDescReply([new PortDescription(new PortNumber(1), new MacAddress(0x020000000001), "eth1", PortConfig.None, PortState.Live)]) { Xid = new Xid(5) },
        new BarrierRequest { Xid = new Xid(6) },
    ];

    public static TheoryData<int> SampleIndexes() => new(Enumerable.Range(0, Samples.Length));

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void A_message_split_into_two_segments_at_every_offset_decodes_the_same(int index)
    {
        var bytes = Codec.Encode(Samples[index]);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var seq = Segments.Split(bytes, cut);
            Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var result), $"cut at {cut}");
            Assert.Null(result.Error);
            Assert.Equal(Samples[index], result.Message);
            Assert.Equal(0, seq.Length);
        }
    }

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void A_message_split_into_three_segments_at_every_pair_of_offsets_decodes_the_same(int index)
    {
        var bytes = Codec.Encode(Samples[index]);
        for (var a = 0; a <= bytes.Length; a++)
        {
            for (var b = a; b <= bytes.Length; b++)
            {
                var seq = Segments.Split(bytes, a, b);
                Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var result), $"cuts at {a},{b}");
                Assert.Equal(Samples[index], result.Message);
                Assert.Equal(0, seq.Length);
            }
        }
    }

    [Fact]
    public void Several_messages_in_one_buffer_come_out_in_order()
    {
        var all = Samples.SelectMany(m => Codec.Encode(m)).ToArray();
        var seq = new ReadOnlySequence<byte>(all);
        var got = new List<OfpMessage>();
        while (OpenFlowReader.TryRead(ref seq, Codec, out var r))
        {
            Assert.Null(r.Error);
            got.Add(r.Message!);
        }

        Assert.Equal(Samples, got);
        Assert.Equal(0, seq.Length);
    }

    [Fact]
    public void Several_messages_across_segments_come_out_in_order_and_a_partial_tail_is_left()
    {
        var all = Samples.SelectMany(m => Codec.Encode(m)).ToArray();
        var tail = Codec.Encode(new EchoReply([9, 9, 9]) { Xid = new Xid(77) });
        var stream = all.Concat(tail[..^1]).ToArray();

        // Cut the stream every 7 bytes so segment borders fall everywhere, headers included.
        var cuts = Enumerable.Range(1, (stream.Length - 1) / 7).Select(i => i * 7).ToArray();
        var seq = Segments.Split(stream, cuts);
        var got = new List<OfpMessage>();
        while (OpenFlowReader.TryRead(ref seq, Codec, out var r))
        {
            got.Add(r.Message!);
        }

        Assert.Equal(Samples, got);
        Assert.Equal(tail.Length - 1, seq.Length);
        Assert.Equal(tail[..^1], seq.ToArray());
    }

    [Fact]
    public void Framer_needs_a_whole_header_then_a_whole_message_and_leaves_the_buffer_alone_until_then()
    {
        var bytes = Codec.Encode(new EchoRequest(new byte[40]) { Xid = new Xid(5) });
        for (var n = 0; n < bytes.Length; n++)
        {
            var seq = new ReadOnlySequence<byte>(bytes, 0, n);
            Assert.False(OfpFramer.TryReadFrame(ref seq, out _, out _));
            Assert.Equal(n, seq.Length);
        }

        var full = new ReadOnlySequence<byte>(bytes.Concat(new byte[] { 4, 0 }).ToArray());
        Assert.True(OfpFramer.TryReadFrame(ref full, out var header, out var frame));
        Assert.Equal(new OfpHeader(4, 2, 48, new Xid(5)), header);
        Assert.Equal(bytes, frame.ToArray());
        Assert.Equal(2, full.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Lengths_below_the_header_size_are_rejected_with_bad_request_bad_len(int length)
    {
        var bytes = Hex.Parse("04 02 0000 00000001 00000000");
        Hex.SetU16(bytes, 2, length);
        var seq = new ReadOnlySequence<byte>(bytes);
        var ex = Assert.Throws<OpenFlowDecodeException>(() => OfpFramer.TryReadFrame(ref seq, out _, out _));
        Assert.Equal(ErrorType.BadRequest, ex.ErrorType);
        Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);

        seq = new ReadOnlySequence<byte>(bytes);
        ex = Assert.Throws<OpenFlowDecodeException>(() => OpenFlowReader.TryRead(ref seq, Codec, out _));
        Assert.Equal(ErrorType.BadRequest, ex.ErrorType);
        Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);

        // Also when the header itself is split over segments.
        seq = Segments.Split(bytes, 3, 5);
        ex = Assert.Throws<OpenFlowDecodeException>(() => OfpFramer.TryReadFrame(ref seq, out _, out _));
        Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);
    }

    [Fact]
    public void Lengths_above_the_maximum_are_rejected_before_the_body_arrives()
    {
        var bytes = Hex.Parse("04 0a 0400 00000001");
        var seq = new ReadOnlySequence<byte>(bytes);
        var ex = Assert.Throws<OpenFlowDecodeException>(() => OfpFramer.TryReadFrame(ref seq, out _, out _, maxLength: 1000));
        Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);
        seq = new ReadOnlySequence<byte>(bytes);
        Assert.False(OfpFramer.TryReadFrame(ref seq, out _, out _, maxLength: 1024));
    }

    [Fact]
    public void A_bad_body_is_reported_as_an_error_result_and_the_stream_continues()
    {
        // A FEATURES_REQUEST must have no body; give it 4 bytes, then a good barrier.
        var bad = Hex.Parse("04 05 000c 00000009 deadbeef");
        var good = Codec.Encode(new BarrierRequest { Xid = new Xid(10) });
        var seq = new ReadOnlySequence<byte>(bad.Concat(good).ToArray());

        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r1));
        Assert.Null(r1.Message);
        Assert.NotNull(r1.Error);
        Assert.Equal(ErrorType.BadRequest, r1.Error.ErrorType);
        Assert.Equal((ushort)BadRequestCode.BadLen, r1.Error.ErrorCode);
        Assert.Equal(new Xid(9), r1.Header.Xid);
        Assert.Equal(bad, r1.OffendingBytes.ToArray());

        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r2));
        Assert.Equal(new BarrierRequest { Xid = new Xid(10) }, r2.Message);
    }

    [Fact]
    public void Offending_bytes_are_capped_at_64()
    {
        var bytes = Codec.Encode(new FeaturesRequest { Xid = new Xid(1) }).Concat(new byte[100]).ToArray();
        Hex.SetU16(bytes, 2, bytes.Length);
        var seq = new ReadOnlySequence<byte>(bytes);
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
        Assert.NotNull(r.Error);
        Assert.Equal(bytes[..64], r.OffendingBytes.ToArray());
    }

    [Fact]
    public void Before_negotiation_only_hello_and_error_are_decoded()
    {
        var hello = Hex.Parse("06 00 0010 00000001 0001 0008 00000052"); // HELLO 1.5 offering 1.0, 1.3, 1.5
        var error = Hex.Parse("01 01 000e 00000002 0000 0000 6e6f"); // 1.0 HELLO_FAILED/INCOMPATIBLE "no"
        var other = Hex.Parse("04 02 000a 00000003 abcd"); // an ECHO_REQUEST: kept as unknown
        var seq = new ReadOnlySequence<byte>(hello.Concat(error).Concat(other).ToArray());

        Assert.True(OpenFlowReader.TryRead(ref seq, null, out var r));
        Assert.Equal(new Hello(6, [new HelloVersionBitmap([0x52u])]) { Xid = new Xid(1) }, r.Message);
        Assert.Equal(new byte[] { 1, 4, 6 }, ((Hello)r.Message!).OfferedVersions);

        Assert.True(OpenFlowReader.TryRead(ref seq, null, out r));
        Assert.Equal(new Error(ErrorType.HelloFailed, 0, [0x6e, 0x6f]) { Xid = new Xid(2) }, r.Message);

        Assert.True(OpenFlowReader.TryRead(ref seq, null, out r));
        Assert.Equal(new UnknownMessage(4, 2, [0xab, 0xcd]) { Xid = new Xid(3) }, r.Message);
    }

    [Fact]
    public void A_message_of_another_version_after_negotiation_is_bad_version()
    {
        var seq = new ReadOnlySequence<byte>(Hex.Parse("01 02 0008 00000003"));
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
        Assert.Equal(ErrorType.BadRequest, r.Error!.ErrorType);
        Assert.Equal((ushort)BadRequestCode.BadVersion, r.Error.ErrorCode);

        // HELLO is read whatever its version.
        seq = new ReadOnlySequence<byte>(Hex.Parse("01 00 0008 00000004"));
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out r));
        Assert.Equal(new Hello(1, []) { Xid = new Xid(4) }, r.Message);

        var ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(Hex.Parse("01 02 0008 00000003")));
        Assert.Equal((ushort)BadRequestCode.BadVersion, ex.ErrorCode);
    }

    [Fact]
    public void Decode_requires_the_frame_to_be_exactly_as_long_as_the_header_says()
    {
        var bytes = Codec.Encode(new EchoRequest([1, 2]));
        var ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(bytes.Concat(new byte[] { 0 }).ToArray()));
        Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);
        Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(bytes[..^1]));
        Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(bytes[..7]));
    }

    [Fact]
    public void The_buffer_writer_overload_writes_the_same_bytes()
    {
        var writer = new ArrayBufferWriter<byte>();
        var total = 0;
        foreach (var m in Samples)
        {
            total += Codec.Write(m, writer);
        }

        Assert.Equal(Samples.SelectMany(m => Codec.Encode(m)).ToArray(), writer.WrittenSpan.ToArray());
        Assert.Equal(total, writer.WrittenCount);
    }

    [Fact]
    public void Multipart_desc_request_is_a_one_segment_or_many_segment_equal()
    {
        var bytes = Codec.Encode(new DescRequest { Xid = new Xid(3), Flags = MultipartFlags.None });
        var one = new ReadOnlySequence<byte>(bytes);
        var many = Segments.Of([.. bytes.Select(b => new[] { b })]);
        Assert.True(OpenFlowReader.TryRead(ref one, Codec, out var a));
        Assert.True(OpenFlowReader.TryRead(ref many, Codec, out var b));
        Assert.Equal(a.Message, b.Message);
        Assert.Equal(new DescRequest { Xid = new Xid(3) }, b.Message);
    }
}
