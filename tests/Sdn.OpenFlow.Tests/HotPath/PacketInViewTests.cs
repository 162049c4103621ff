using FsCheck.Fluent;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Tests.Support;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.Tests.HotPath;

/// <summary>
/// The allocation-free PACKET_IN view must agree with the full decoder: same fields for every valid frame, and it
/// must refuse every frame the decoder refuses (so apps never see a malformed message).
/// </summary>
public sealed class PacketInViewTests
{
    [Fact]
    public void View_fields_equal_the_decoded_record_for_generated_packet_ins()
    {
        RoundTrip.Check(Gens.WithXid(Gens.PacketIn), m =>
        {
            var bytes = RoundTrip.Codec.Encode(m);
            var record = (PacketIn)RoundTrip.Codec.Decode(bytes);

            Assert.True(PacketInView.TryParse(bytes, OfpVersion.OpenFlow13, out var view), $"view refused {record}");
            Assert.Equal(record.Xid, view.Xid);
            Assert.Equal(record.BufferId, view.BufferId);
            Assert.Equal(record.TotalLength, view.TotalLength);
            Assert.Equal(record.Reason, view.Reason);
            Assert.Equal(record.TableId, view.TableId);
            Assert.Equal(record.Cookie, view.Cookie);
            Assert.Equal(record.Match.InPort ?? PortNumber.Any, view.InPort);
            Assert.Equal(record.Data.ToArray(), view.Data.ToArray());
            Assert.Equal(record, view.ToMessage());
        }, 1000);
    }

    [Fact]
    public void View_accepts_exactly_what_the_decoder_accepts_under_byte_mutations()
    {
        var gen = Gens.WithXid(Gens.PacketIn).SelectMany(m =>
        {
            var bytes = RoundTrip.Codec.Encode(m);
            return Gen.Choose(OfpHeader.Size, bytes.Length - 1).SelectMany(i => Gens.Byte.Select(b => (bytes, i, b)));
        });
        RoundTrip.Check(gen, t =>
        {
            var mutated = (byte[])t.bytes.Clone();
            mutated[t.i] = t.b;
            var decoded = OpenFlowReader.Decode(OfpHeader.Read(mutated), mutated, RoundTrip.Codec);
            var parsed = PacketInView.TryParse(mutated, OfpVersion.OpenFlow13, out var view);

            Assert.Equal(decoded.Error is null, parsed);
            if (parsed)
            {
                Assert.Equal(decoded.Message, view.ToMessage());
            }
        }, 3000);
    }

    [Fact]
    public void Truncated_frames_are_refused()
    {
        var bytes = RoundTrip.Codec.Encode(new PacketIn(BufferId.NoBuffer, 60, PacketInReason.NoMatch, 0, 0,
            new Matching.Match([Matching.OxmField.InPort(new PortNumber(3))]), new byte[60]) { Xid = new Xid(9) });
        for (var n = 0; n < bytes.Length; n++)
        {
            Assert.False(PacketInView.TryParse(bytes.AsSpan(0, n), OfpVersion.OpenFlow13, out _), $"accepted a {n}-byte prefix");
        }

        Assert.True(PacketInView.TryParse(bytes, OfpVersion.OpenFlow13, out var view));
        Assert.Equal(new PortNumber(3), view.InPort);
    }

    [Fact]
    public void Only_packet_ins_of_the_negotiated_version_are_read()
    {
        var bytes = RoundTrip.Codec.Encode(new PacketIn(BufferId.NoBuffer, 0, PacketInReason.NoMatch, 0, 0, Matching.Match.Any, []));
        Assert.True(PacketInView.TryParse(bytes, OfpVersion.OpenFlow13, out _));

        var flowMod = RoundTrip.Codec.Encode(new FlowMod(FlowModCommand.Add, Matching.Match.Any, []));
        Assert.False(PacketInView.TryParse(flowMod, OfpVersion.OpenFlow13, out _));
    }
}
