using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.V13;

namespace Sdn.OpenFlow.Tests.Unit;

/// <summary>The encoder's documented failure modes (IOpenFlowCodec: too long → OpenFlowEncodeException, small destination → ArgumentException).</summary>
public class EncoderContractTests
{
    private static readonly OpenFlow13Codec Codec = OpenFlow13Codec.Instance;

    [Fact]
    public void Writing_into_a_too_small_destination_throws_argument_exception_for_every_kind()
    {
        RoundTrip.Check(Gens.Message, m =>
        {
            var length = Codec.GetLength(m);
            foreach (var size in new[] { 0, 1, 7, 8, length - 1 }.Where(s => s >= 0 && s < length).Distinct())
            {
                Assert.ThrowsAny<ArgumentException>(() => Codec.Write(m, new byte[size]));
            }
        }, 300);
    }

    [Fact]
    public void Messages_longer_than_65535_bytes_are_rejected_by_get_length_encode_and_write()
    {
        OfpMessage[] tooLong =
        [
            new EchoRequest(new byte[65535 - 8 + 1]),
            new Error(ErrorType.BadRequest, 0, new byte[65535 - 12 + 1]),
            new Hello(4, [new UnknownHelloElement(9, new byte[65535 - 12 + 1])]),
            new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [], new byte[65535 - 24 + 1]),
            new UnknownMessage(4, 30, new byte[65535 - 8 + 1]),
        ];
        foreach (var m in tooLong)
        {
            Assert.Throws<OpenFlowEncodeException>(() => Codec.GetLength(m));
            Assert.Throws<OpenFlowEncodeException>(() => Codec.Encode(m));
            Assert.Throws<OpenFlowEncodeException>(() => Codec.Write(m, new byte[70000]));
        }

        // Exactly 65535 is fine.
        var max = new EchoRequest(new byte[65535 - 8]);
        Assert.Equal(65535, Codec.Encode(max).Length);
        Assert.Equal(max, Codec.Decode(Codec.Encode(max)));
    }

    [Fact]
    public void An_oxm_payload_over_255_bytes_cannot_be_encoded()
    {
        var huge = new OxmField(OxmClass.Experimenter, 1, new byte[256], default);
        Assert.Throws<OpenFlowEncodeException>(() => Codec.Encode(new FlowMod(FlowModCommand.Add, new Match([huge]), [])));
    }

    private sealed record NotAnOpenFlowMessage : OfpMessage;

    private sealed record NotAnAction : OfpAction;

    [Fact]
    public void Records_without_a_1_3_form_are_encode_exceptions()
    {
        Assert.Throws<OpenFlowEncodeException>(() => Codec.GetLength(new NotAnOpenFlowMessage()));
        Assert.Throws<OpenFlowEncodeException>(() => Codec.Encode(new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [new NotAnAction()], [])));
    }
}
