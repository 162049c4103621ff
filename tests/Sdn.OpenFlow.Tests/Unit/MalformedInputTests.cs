using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.Unit;

/// <summary>Garbage, truncation and mutation: the decoder throws nothing but <see cref="OpenFlowDecodeException"/>.</summary>
public class MalformedInputTests
{
    private static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    /// <summary>Reads messages until the reader wants more; only <see cref="OpenFlowDecodeException"/> may escape (a bad length).</summary>
    private static void ReadAll(byte[] bytes)
    {
        var seq = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (OpenFlowReader.TryRead(ref seq, Codec, out var r))
            {
                Assert.True(r.Message is not null ^ r.Error is not null);
                if (r.Error is not null)
                {
                    Assert.Equal(bytes.AsSpan((int)(bytes.Length - seq.Length - r.Header.Length), Math.Min(64, (int)r.Header.Length)).ToArray(), r.OffendingBytes.ToArray());
                }
            }
        }
        catch (OpenFlowDecodeException ex)
        {
            Assert.Equal(ErrorType.BadRequest, ex.ErrorType);
            Assert.Equal((ushort)BadRequestCode.BadLen, ex.ErrorCode);
        }
    }

    /// <summary>Decodes one frame: success or <see cref="OpenFlowDecodeException"/>, nothing else.</summary>
    private static OfpMessage? TryDecode(byte[] frame)
    {
        try
        {
            return Codec.Decode(frame);
        }
        catch (OpenFlowDecodeException)
        {
            return null;
        }
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_decode_exceptions()
    {
        RoundTrip.Check(Gens.Bytes(0, 300), ReadAll, 2000);
    }

    /// <summary>Random bodies behind a plausible 1.3 header of every type, so the body parsers see the garbage.</summary>
    [Fact]
    public void Random_bodies_behind_valid_headers_decode_or_fail_cleanly()
    {
        var gen =
            from type in Gen.Choose(0, 31)
            from body in Gens.Bytes(0, 200)
            from xid in Gens.U32
            select (byte[])[0x04, (byte)type, (byte)((body.Length + 8) >> 8), (byte)(body.Length + 8), (byte)(xid >> 24), (byte)(xid >> 16), (byte)(xid >> 8), (byte)xid, .. body];
        RoundTrip.Check(gen, bytes =>
        {
            ReadAll(bytes);
            TryDecode(bytes);
        }, 3000);
    }

    /// <summary>Valid messages with a few bytes changed after the header: decode or fail cleanly.</summary>
    [Fact]
    public void Mutated_valid_messages_decode_or_fail_cleanly()
    {
        var gen =
            from m in Gens.Message
            from flips in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 1 << 16), Gens.Byte), 4)
            select (m, flips);
        RoundTrip.Check(gen, t =>
        {
            var bytes = Codec.Encode(t.m);
            if (bytes.Length > 8)
            {
                foreach (var (pos, value) in t.flips)
                {
                    bytes[8 + (pos % (bytes.Length - 8))] = value;
                }
            }

            ReadAll(bytes);
            TryDecode(bytes);
        }, 3000);
    }

    /// <summary>Valid messages cut short with the header length patched to match: decode or fail cleanly.</summary>
    [Fact]
    public void Generated_messages_cut_short_with_a_matching_header_length_decode_or_fail_cleanly()
    {
        RoundTrip.Check(Gens.Message, m =>
        {
            var bytes = Codec.Encode(m);
            for (var n = 8; n < bytes.Length; n++)
            {
                var cut = bytes[..n];
                Hex.SetU16(cut, 2, n);
                // Whatever still decodes is a consistent message of its own — except a HELLO whose last element lost
                // its padding: the decoder tolerates that (CommonCodec.DecodeHello) and the encoder puts it back.
                if (TryDecode(cut) is { } decoded and not Hello)
                {
                    Assert.True(cut.AsSpan().SequenceEqual(Codec.Encode(decoded)), $"{Hex.Format(cut)} decoded to {decoded}, re-encoded {Hex.Format(Codec.Encode(decoded))}");
                }
            }
        }, 200);
    }

    // ---- specific malformations -------------------------------------------------------------------------------

    /// <summary>A FLOW_MOD (add, no instructions) whose match is the given OXM bytes.</summary>
    private static byte[] FlowModWithOxms(string oxmHex)
    {
        var oxms = Hex.Parse(oxmHex);
        var matchLen = 4 + oxms.Length;
        var padded = matchLen + ((8 - (matchLen % 8)) % 8);
        var bytes = new byte[8 + 40 + padded];
        Hex.Parse("04 0e 0000 00000042").CopyTo(bytes, 0);
        Hex.SetU16(bytes, 2, bytes.Length);
        Hex.Parse("ffffffff ffffffff ffffffff").CopyTo(bytes, 8 + 24); // buffer_id, out_port, out_group
        Hex.SetU16(bytes, 48, 1); // OFPMT_OXM
        Hex.SetU16(bytes, 50, matchLen);
        oxms.CopyTo(bytes, 52);
        return bytes;
    }

    private static DecodeResult Read(byte[] bytes)
    {
        var seq = new ReadOnlySequence<byte>(bytes);
        Assert.True(OpenFlowReader.TryRead(ref seq, Codec, out var r));
        Assert.Equal(0, seq.Length);
        return r;
    }

    private static void AssertError(byte[] bytes, ErrorType type, ushort code)
    {
        var r = Read(bytes);
        Assert.Null(r.Message);
        Assert.NotNull(r.Error);
        Assert.Equal((type, code), (r.Error.ErrorType, r.Error.ErrorCode));
        Assert.Equal(bytes[..Math.Min(64, bytes.Length)], r.OffendingBytes.ToArray());
        var ex = Assert.Throws<OpenFlowDecodeException>(() => Codec.Decode(bytes));
        Assert.Equal((type, code), (ex.ErrorType, ex.ErrorCode));
    }

    [Fact]
    public void The_flow_mod_helper_builds_a_valid_message()
    {
        Assert.Equal(
            new FlowMod(FlowModCommand.Add, new Match([OxmField.InPort(new PortNumber(1))]), []) { Xid = new Xid(0x42), Priority = 0 },
            Read(FlowModWithOxms("80000004 00000001")).Message);
    }

    [Theory]
    [InlineData("80000003 000001")] // IN_PORT is 4 bytes, not 3
    [InlineData("80000005 0000000100")] // ... nor 5
    [InlineData("80000104 00000001")] // IN_PORT with the mask bit needs 8
    [InlineData("80000706 001122334455")] // ETH_DST is 6, but with the mask bit 12
    [InlineData("80000a01 08")] // ETH_TYPE is 2
    [InlineData("80000010 00000001")] // length 16 runs past the match
    [InlineData("8000")] // half an OXM header
    [InlineData("ffff0002 0000")] // experimenter OXM shorter than its experimenter id
    [InlineData("00010103 000000")] // masked NXM field of odd length cannot split into value and mask
    public void An_oxm_with_a_bad_length_in_a_flow_mod_is_bad_match_bad_len(string oxm)
    {
        AssertError(FlowModWithOxms(oxm), ErrorType.BadMatch, (ushort)BadMatchCode.BadLen);
    }

    [Fact]
    public void A_match_length_beyond_the_message_is_bad_match_bad_len()
    {
        var bytes = FlowModWithOxms("80000004 00000001");
        Hex.SetU16(bytes, 50, 200);
        AssertError(bytes, ErrorType.BadMatch, (ushort)BadMatchCode.BadLen);
        Hex.SetU16(bytes, 50, 3);
        AssertError(bytes, ErrorType.BadMatch, (ushort)BadMatchCode.BadLen);
    }

    [Fact]
    public void Other_match_errors()
    {
        var standard = FlowModWithOxms("80000004 00000001");
        Hex.SetU16(standard, 48, 0); // OFPMT_STANDARD is not OpenFlow 1.3
        AssertError(standard, ErrorType.BadMatch, (ushort)BadMatchCode.BadType);
        AssertError(FlowModWithOxms("80000004 00000001 80000004 00000002"), ErrorType.BadMatch, (ushort)BadMatchCode.DupField);
    }

    [Fact]
    public void Unknown_oxm_fields_and_classes_are_kept_opaque_and_re_encode_identically()
    {
        // Basic field 63 (unassigned), NXM_NX field 5 with mask, class 0x4242, experimenter 0x00002320 field 1 with mask.
        var bytes = FlowModWithOxms("80007e02 abcd  00010b04 1234 ff00  42420603 010203  ffff0308 00002320 aabb ff0f");
        var m = Assert.IsType<FlowMod>(Read(bytes).Message);
        Assert.Equal(
        [
            new OxmField(OxmClass.OpenFlowBasic, 63, [0xab, 0xcd], default),
            new OxmField(OxmClass.Nxm1, 5, [0x12, 0x34], [0xff, 0x00]),
            new OxmField(0x4242, 3, [1, 2, 3], default),
            new OxmField(OxmClass.Experimenter, 1, [0x00, 0x00, 0x23, 0x20, 0xaa, 0xbb], [0xff, 0x0f]),
        ], m.Match.Fields.ToArray());
        Assert.Equal(bytes, Codec.Encode(m));
    }

    [Fact]
    public void An_unknown_message_type_is_kept_whole_and_re_encodes_identically()
    {
        foreach (var type in new byte[] { 0x7f, 16, 24, 29, 30, 0xff })
        {
            var bytes = Hex.Parse("04 00 000d 12345678 0102030405");
            bytes[1] = type;
            var m = Read(bytes).Message;
            Assert.Equal(new UnknownMessage(4, type, [1, 2, 3, 4, 5]) { Xid = new Xid(0x12345678) }, m);
            Assert.Equal(bytes, Codec.Encode(m!));
        }
    }

    /// <summary>A PACKET_OUT carrying the given action bytes and a 2-byte payload.</summary>
    private static byte[] PacketOutWithActions(string actionsHex)
    {
        var actions = Hex.Parse(actionsHex);
        byte[] bytes = [.. Hex.Parse("04 0d 0000 00000007 ffffffff fffffffd 0000 000000000000"), .. actions, 0xee, 0xff];
        Hex.SetU16(bytes, 2, bytes.Length);
        Hex.SetU16(bytes, 16, actions.Length);
        return bytes;
    }

    [Fact]
    public void Unknown_and_experimenter_actions_are_kept_opaque_and_re_encode_identically()
    {
        var bytes = PacketOutWithActions("0063 0010 0102030405060708090a0b0c  ffff 0010 00002320 0011 0000 00000000  00000010 00000001 ffff 000000000000");
        var m = Assert.IsType<PacketOut>(Read(bytes).Message);
        Assert.Equal(new PacketOut(BufferId.NoBuffer, PortNumber.Controller,
        [
            new UnknownAction(0x63, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
            new ExperimenterAction(0x2320, [0, 0x11, 0, 0, 0, 0, 0, 0]),
            new OutputAction(new PortNumber(1)),
        ], [0xee, 0xff])
        { Xid = new Xid(7) }, m);
        Assert.Equal(bytes, Codec.Encode(m));
    }

    [Theory]
    [InlineData("0000 000c 00000001 ffff 0000")] // length not a multiple of 8
    [InlineData("0000 0008 00000001")] // OUTPUT must be 16
    [InlineData("0000 0018 00000001 ffff 000000000000 0000000000000000")] // ... not 24
    [InlineData("0000 0020 00000001 ffff 000000000000")] // length beyond the list
    [InlineData("0000 0000 00000001")] // length 0
    [InlineData("0016")] // half an action header
    public void Bad_action_lengths_are_bad_action_bad_len(string actions)
    {
        AssertError(PacketOutWithActions(actions), ErrorType.BadAction, (ushort)BadActionCode.BadLen);
    }

    [Fact]
    public void A_masked_set_field_is_bad_set_argument()
    {
        AssertError(PacketOutWithActions("0019 0010 80000108 00000001 ffffffff"), ErrorType.BadAction, (ushort)BadActionCode.BadSetArgument);
    }

    [Fact]
    public void Packet_out_actions_len_beyond_the_message_is_bad_len()
    {
        var bytes = PacketOutWithActions("00000010 00000001 ffff 000000000000");
        Hex.SetU16(bytes, 16, 40);
        AssertError(bytes, ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
    }

    /// <summary>A FLOW_MOD with an empty match and the given instruction bytes.</summary>
    private static byte[] FlowModWithInstructions(string instructionsHex)
    {
        byte[] bytes = [.. FlowModWithOxms(""), .. Hex.Parse(instructionsHex)];
        Hex.SetU16(bytes, 2, bytes.Length);
        return bytes;
    }

    [Fact]
    public void Unknown_and_experimenter_instructions_are_kept_opaque_and_re_encode_identically()
    {
        var bytes = FlowModWithInstructions("0007 0010 0102030405060708090a0b0c  ffff 0010 00abcdef 1122334455667788  0001 0008 05000000");
        var m = Assert.IsType<FlowMod>(Read(bytes).Message);
        Assert.Equal<OfpInstruction>(
        [
            new UnknownInstruction(7, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
            new ExperimenterInstruction(0xabcdef, [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]),
            new GotoTableInstruction(5),
        ], m.Instructions.ToArray());
        Assert.Equal(bytes, Codec.Encode(m));
    }

    [Theory]
    [InlineData("0001 0004")] // shorter than 8
    [InlineData("0001 000c 05000000 00000000")] // not a multiple of 8
    [InlineData("0001 0010 05000000 00000000")] // GOTO_TABLE must be 8
    [InlineData("0002 0010 00000000 0000000000000001")] // WRITE_METADATA must be 24
    [InlineData("0004 0010 00000000")] // beyond the message
    [InlineData("00")] // half a header
    public void Bad_instruction_lengths_are_bad_instruction_bad_len(string instructions)
    {
        AssertError(FlowModWithInstructions(instructions), ErrorType.BadInstruction, (ushort)BadInstructionCode.BadLen);
    }

    [Fact]
    public void A_bad_action_inside_an_instruction_is_a_bad_action()
    {
        AssertError(FlowModWithInstructions("0004 0010 00000000 0000 0008 00000001"), ErrorType.BadAction, (ushort)BadActionCode.BadLen);
    }

    [Fact]
    public void Unknown_multipart_types_are_kept_opaque_and_re_encode_identically()
    {
        // GROUP_DESC request (7), METER_CONFIG reply (10), EXPERIMENTER request (0xffff) and an unassigned 0x7777.
        foreach (var (type, mpType, body) in new[] { (18, 7, ""), (19, 10, "0010 0001 00000001 0000 0000 00000000"), (18, 0xffff, "00002320 00000005 ab"), (19, 0x7777, "01") })
        {
            var bodyBytes = Hex.Parse(body);
            byte[] bytes = [4, (byte)type, 0, 0, 0, 0, 0, 9, (byte)(mpType >> 8), (byte)mpType, 0, 1, 0, 0, 0, 0, .. bodyBytes];
            Hex.SetU16(bytes, 2, bytes.Length);
            var m = Read(bytes).Message;
            OfpMessage expected = type == 18
                ? new UnknownMultipartRequest((ushort)mpType, bodyBytes) { Xid = new Xid(9), Flags = MultipartFlags.More }
                : new UnknownMultipartReply((ushort)mpType, bodyBytes) { Xid = new Xid(9), Flags = MultipartFlags.More };
            Assert.Equal(expected, m);
            Assert.Equal(bytes, Codec.Encode(m!));
        }
    }

    [Fact]
    public void Multipart_bodies_of_the_wrong_size_are_bad_len()
    {
        // DESC request with a body; PORT_DESC reply of 63 bytes; TABLE stats reply of 25; DESC reply one byte short.
        foreach (var hex in new[] { "04 12 0014 00000001 0000 0000 00000000 deadbeef", "04 13 0000 00000001 000d 0000 00000000" + new string('0', 126), "04 13 0000 00000001 0003 0000 00000000" + new string('0', 50), "04 13 0000 00000001 0000 0000 00000000" + new string('0', 2110) })
        {
            var bytes = Hex.Parse(hex);
            Hex.SetU16(bytes, 2, bytes.Length);
            AssertError(bytes, ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
        }
    }

    [Fact]
    public void A_flow_stats_entry_shorter_than_its_fixed_part_is_bad_len()
    {
        var bytes = Hex.Parse("04 13 0018 00000001 0001 0000 00000000 0020 00 00 00000000");
        AssertError(bytes, ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
    }

    [Fact]
    public void A_bucket_shorter_than_16_bytes_is_group_mod_failed_bad_bucket()
    {
        var bytes = Hex.Parse("04 0f 0020 00000001 0000 01 00 00000001 0008 0000 ffffffff ffffffff 00000000");
        Hex.SetU16(bytes, 2, bytes.Length);
        AssertError(bytes, ErrorType.GroupModFailed, (ushort)GroupModFailedCode.BadBucket);
    }

    [Fact]
    public void Hello_elements_with_impossible_lengths_are_bad_len()
    {
        AssertError(Hex.Parse("04 00 0010 00000001 0001 0002 00000010"), ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
        AssertError(Hex.Parse("04 00 0010 00000001 0001 0010 00000010"), ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
        AssertError(Hex.Parse("04 00 0010 00000001 0001 0007 00000010"), ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
        // An unknown element type is kept.
        var m = Read(Hex.Parse("04 00 0010 00000001 0009 0006 abcd 0000"));
        Assert.Equal(new Hello(4, [new UnknownHelloElement(9, [0xab, 0xcd])]) { Xid = new Xid(1) }, m.Message);
    }

    [Fact]
    public void Fixed_size_bodies_with_extra_or_missing_bytes_are_bad_len()
    {
        foreach (var hex in new[]
        {
            "04 05 0009 00000001 00", // FEATURES_REQUEST with a body
            "04 06 001f 00000001 0000000000000001 00000000 fe 00 0000 0000004f 000000", // FEATURES_REPLY one short
            "04 09 000b 00000001 0000 00", // SET_CONFIG one short
            "04 14 000c 00000001 00000000", // BARRIER_REQUEST with a body
            "04 0c 004f 00000001 00" + "00000000000000" + new string('0', 126), // PORT_STATUS one short
            "04 01 000d 00000001 ffff 0000 00", // experimenter ERROR without its experimenter id
        })
        {
            var bytes = Hex.Parse(hex);
            Assert.Equal(bytes.Length, Hex.U16(bytes, 2));
            AssertError(bytes, ErrorType.BadRequest, (ushort)BadRequestCode.BadLen);
        }
    }
}
