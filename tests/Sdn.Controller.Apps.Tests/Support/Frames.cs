using Sdn.OpenFlow;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Tests.Support;

/// <summary>Hand-built Ethernet II frames and the packet-ins that carry them.</summary>
public static class Frames
{
    public const ushort Arp = 0x0806;
    public const ushort Ipv4 = 0x0800;
    public const ushort Lldp = 0x88cc;

    public static MacAddress Mac(byte last) => new(0x0000_0000_0000UL | last);

    /// <summary>dst(6) src(6) ethertype(2) then <paramref name="payloadLength"/> bytes 0x00, 0x01, ….</summary>
    public static byte[] Ethernet(MacAddress dst, MacAddress src, ushort etherType, int payloadLength = 46)
    {
        var frame = new byte[14 + payloadLength];
        dst.Write(frame);
        src.Write(frame.AsSpan(6));
        frame[12] = (byte)(etherType >> 8);
        frame[13] = (byte)etherType;
        for (var i = 0; i < payloadLength; i++)
        {
            frame[14 + i] = (byte)i;
        }

        return frame;
    }

    /// <summary>A table-miss packet-in of <paramref name="frame"/> from <paramref name="inPort"/>.</summary>
    public static PacketIn PacketIn(uint inPort, byte[] frame, BufferId? buffer = null) =>
        new(buffer ?? BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.NoMatch, 0, ulong.MaxValue,
            new Match([OxmField.InPort(new PortNumber(inPort))]), frame);
}
