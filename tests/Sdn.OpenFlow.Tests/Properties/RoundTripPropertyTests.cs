using FsCheck.Fluent;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Tests.Support;

namespace Sdn.OpenFlow.Tests.Properties;

/// <summary>decode(encode(m)) == m and GetLength(m) == encode(m).Length, for every message kind the 1.3 codec models.</summary>
public class RoundTripPropertyTests
{
    public static TheoryData<string> Kinds() => new(Gens.ByKind.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_message_kind_round_trips(string kind)
    {
        var count = kind is "FeaturesRequest" or "GetConfigRequest" or "BarrierRequest" or "BarrierReply" ? 20 : 300;
        RoundTrip.Check(Gens.WithXid(Gens.ByKind[kind]), m => RoundTrip.AssertRoundTrips(m), count);
    }

    [Fact]
    public void Mixed_messages_round_trip()
    {
        RoundTrip.Check(Gens.Message, m => RoundTrip.AssertRoundTrips(m), 500);
    }

    public static TheoryData<string> MultipartKinds() =>
    [
        nameof(DescRequest), nameof(PortDescRequest), nameof(TableStatsRequest), nameof(PortStatsRequest), nameof(FlowStatsRequest),
        nameof(AggregateStatsRequest), nameof(UnknownMultipartRequest), nameof(DescReply), nameof(PortDescReply), nameof(TableStatsReply),
        nameof(PortStatsReply), nameof(FlowStatsReply), nameof(AggregateStatsReply), nameof(UnknownMultipartReply),
    ];

    /// <summary>Each multipart body type separately (the OneOf above might starve one of them).</summary>
    [Theory]
    [MemberData(nameof(MultipartKinds))]
    public void Every_multipart_type_round_trips(string kind)
    {
        var gen = Gens.WithMultipartFlags(Gens.MultipartByKind[kind]);
        var seen = 0;
        RoundTrip.Check(Gens.WithXid(gen), m =>
        {
            Assert.Equal(kind, m.GetType().Name);
            RoundTrip.AssertRoundTrips(m);
            seen++;
        }, 60);
        Assert.True(seen >= 60);
    }

    [Fact]
    public void Every_flow_mod_command_round_trips()
    {
        foreach (var command in Enum.GetValues<FlowModCommand>())
        {
            RoundTrip.Check(Gens.FlowMod.Select(m => (OfpMessage)(((FlowMod)m) with { Command = command })), m =>
            {
                var bytes = RoundTrip.AssertRoundTrips(m);
                Assert.Equal((byte)command, bytes[8 + 17]);
            }, 50);
        }
    }

    public static TheoryData<int> BasicFieldIds() => new(Enum.GetValues<OxmBasicField>().Select(f => (int)f));

    /// <summary>Every OpenFlow-basic field with its exact size, with and (when maskable) without a mask, in a FLOW_MOD match and a set-field.</summary>
    [Theory]
    [MemberData(nameof(BasicFieldIds))]
    public void Every_basic_oxm_field_round_trips(int id)
    {
        var field = (OxmBasicField)id;
        var masks = 0;
        RoundTrip.Check(Gens.BasicOxm(field), oxm =>
        {
            Assert.Equal(OxmFieldInfo.Size(field), oxm.Value.Count);
            masks += oxm.HasMask ? 1 : 0;
            RoundTrip.AssertRoundTrips(new FlowMod(FlowModCommand.Add, new Match([oxm]), []));
            var bytes = RoundTrip.AssertRoundTrips(new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [new SetFieldAction(oxm with { Mask = default })], []));
            // OXM header: class 0x8000, field << 1 | hasmask, length = size (set-field never masked).
            Assert.Equal(0x80, bytes[28]);
            Assert.Equal(id << 1, bytes[30]);
            Assert.Equal(OxmFieldInfo.Size(field), bytes[31]);
        }, 40);
        Assert.Equal(OxmFieldInfo.IsMaskable(field), masks > 0);
    }

    [Fact]
    public void Experimenter_and_opaque_oxm_fields_round_trip()
    {
        RoundTrip.Check(Gens.ExperimenterOxm.Or(Gens.OpaqueOxm), oxm =>
            RoundTrip.AssertRoundTrips(new FlowRemoved(1, 2, FlowRemovedReason.Delete, 3, new Match([oxm]))), 300);
    }

    public static TheoryData<string> ActionKinds() =>
    [
        nameof(OutputAction), nameof(CopyTtlOutAction), nameof(CopyTtlInAction), nameof(SetMplsTtlAction), nameof(DecMplsTtlAction),
        nameof(PushVlanAction), nameof(PopVlanAction), nameof(PushMplsAction), nameof(PopMplsAction), nameof(SetQueueAction),
        nameof(GroupAction), nameof(SetNwTtlAction), nameof(DecNwTtlAction), nameof(SetFieldAction), nameof(PushPbbAction),
        nameof(PopPbbAction), nameof(ExperimenterAction), nameof(UnknownAction),
    ];

    [Theory]
    [MemberData(nameof(ActionKinds))]
    public void Every_action_round_trips_in_packet_out_flow_mod_and_bucket(string kind)
    {
        RoundTrip.Check(Gens.Action.Where(a => a.GetType().Name == kind), a =>
        {
            RoundTrip.AssertRoundTrips(new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [a], [1, 2, 3]));
            RoundTrip.AssertRoundTrips(new FlowMod(FlowModCommand.Add, Match.Any, [new WriteActionsInstruction([a]), new ApplyActionsInstruction([a, a])]));
            RoundTrip.AssertRoundTrips(new GroupMod(GroupModCommand.Add, GroupType.Select, new GroupId(7), [new Bucket(1, PortNumber.Any, GroupId.Any, [a])]));
        }, 40);
    }

    public static TheoryData<string> InstructionKinds() =>
    [
        nameof(GotoTableInstruction), nameof(WriteMetadataInstruction), nameof(WriteActionsInstruction), nameof(ApplyActionsInstruction),
        nameof(ClearActionsInstruction), nameof(MeterInstruction), nameof(ExperimenterInstruction), nameof(UnknownInstruction),
    ];

    [Theory]
    [MemberData(nameof(InstructionKinds))]
    public void Every_instruction_round_trips(string kind)
    {
        RoundTrip.Check(Gens.Instruction.Where(i => i.GetType().Name == kind), i =>
        {
            RoundTrip.AssertRoundTrips(new FlowMod(FlowModCommand.Modify, Match.Any, [i]));
            RoundTrip.AssertRoundTrips(new MultipartReplyHolder(i).Reply);
        }, 40);
    }

    /// <summary>A one-entry FLOW stats reply holding an instruction.</summary>
    private sealed record MultipartReplyHolder(OfpInstruction Instruction)
    {
        public FlowStatsReply Reply => new([new FlowStats(0, 1, 2, 3, 4, 5, FlowModFlags.None, 6, 7, 8, Match.Any, [Instruction])]);
    }
}
