using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Testing;

/// <summary>Turns PACKET_IN records into the <see cref="PacketInView"/> apps receive, through the real encoder and parser.</summary>
public static class PacketInViews
{
    /// <summary>Encodes <paramref name="packetIn"/> and parses it back as a view over the encoded bytes.</summary>
    /// <exception cref="InvalidOperationException">The fast-path parser rejected the encoding (a bug).</exception>
    public static PacketInView View(this PacketIn packetIn, OfpVersion version = OfpVersion.OpenFlow13)
    {
        var bytes = OpenFlowCodecs.For(version).Encode(packetIn);
        return PacketInView.TryParse(bytes, version, out var view)
            ? view
            : throw new InvalidOperationException($"PacketInView.TryParse rejected an encoded {packetIn}");
    }
}
