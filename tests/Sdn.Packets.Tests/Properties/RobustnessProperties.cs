using FsCheck;
using FsCheck.Fluent;
using Sdn.Packets.Tests.Support;

namespace Sdn.Packets.Tests.Properties;

/// <summary>
/// For any bytes, the parsers either succeed or report a <see cref="PacketDecodeException"/> (Try-variants: false with
/// a message); no other exception, and TryParse agrees with Parse.
/// </summary>
public class RobustnessProperties
{
    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(i => (byte)i);

    [Fact]
    public void Random_bytes_never_crash_any_parser()
    {
        var gen = Gen.Choose(0, 120).SelectMany(n => Gen.ArrayOf(AnyByte, n));
        Run(gen, 2000);
    }

    [Fact]
    public void Mutated_valid_frames_never_crash_any_parser()
    {
        // Pick a valid frame, overwrite up to three bytes, and cut it at a random length.
        var gen =
            from seed in Gen.Elements(SampleFrames.All)
            from n in Gen.Choose(1, 3)
            from edits in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, seed.Length - 1), AnyByte), n)
            from cut in Gen.Frequency((3, Gen.Constant(seed.Length)), (1, Gen.Choose(0, seed.Length)))
            select Mutate(seed, edits, cut);
        Run(gen, 4000);
    }

    [Fact]
    public void Every_sample_frame_parses()
    {
        Assert.All(SampleFrames.All, f => Assert.True(PacketParser.TryParse(f, out var s, out var e), e));
        Assert.All(SampleFrames.All, f => Assert.NotEqual(PacketLayers.Ethernet, PacketParser.Parse(f).Layers));
    }

    private static byte[] Mutate(byte[] seed, (int Index, byte Value)[] edits, int cut)
    {
        var bytes = (byte[])seed.Clone();
        foreach (var (index, value) in edits)
        {
            bytes[index] = value;
        }

        return bytes[..cut];
    }

    private static void Run(Gen<byte[]> gen, int count) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(Arb.From(gen), AssertClean));

    private static void AssertClean(byte[] frame)
    {
        var ok = PacketParser.TryParse(frame, out var summary, out var error);
        Assert.Equal(ok, error is null);
        var parsed = Outcome(() => PacketParser.Parse(frame));
        Assert.Equal(ok, parsed is null);
        if (ok)
        {
            Assert.InRange(summary.PayloadOffset, 14, frame.Length);
            Assert.InRange(summary.PayloadLength, 0, frame.Length - summary.PayloadOffset);
        }

        LldpPacket.TryParseSwitchPort(frame, out _, out _, out _);
        Outcome(() => LldpPacket.TryParseSwitchPort(frame, out _, out _));
        Outcome(() => EthernetFrame.Parse(frame));
        var body = frame.AsMemory(Math.Min(14, frame.Length));
        Outcome(() => ArpPacket.Parse(body.Span));
        Outcome(() => LldpPacket.Parse(body));
        Outcome(() => Ipv4Packet.Parse(body));
        Outcome(() => Ipv6Packet.Parse(body).FindUpperLayer(out _, out _));
        Outcome(() => UdpDatagram.Parse(body));
        Outcome(() => TcpSegment.Parse(body));
        Outcome(() => IcmpMessage.Parse(body));
        Outcome(() => Icmpv6Message.Parse(body));
    }

    /// <summary>Runs <paramref name="parse"/>; null on success, the message on <see cref="PacketDecodeException"/>; any other exception fails the test.</summary>
    private static string? Outcome(Func<object> parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (PacketDecodeException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
            return e.Message;
        }
    }
}
