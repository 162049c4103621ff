using Sdn.OpenFlow;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests.Infrastructure;

/// <summary>Ethernet frames and PACKET_INs as a switch would send them.</summary>
public static class Frames
{
    /// <summary>Host 1's MAC, 00:00:00:00:00:01.</summary>
    public static readonly MacAddress H1 = new(1);

    /// <summary>Host 2's MAC, 00:00:00:00:00:02.</summary>
    public static readonly MacAddress H2 = new(2);

    /// <summary>A 60-byte Ethernet II frame (ARP EtherType, zero payload with a marker byte).</summary>
    public static byte[] Ethernet(MacAddress dst, MacAddress src, ushort etherType = 0x0806, byte marker = 0x5a)
    {
        var f = new byte[60];
        dst.Write(f);
        src.Write(f.AsSpan(6));
        f[12] = (byte)(etherType >> 8);
        f[13] = (byte)etherType;
        f[14] = marker;
        return f;
    }

    /// <summary>A table-miss PACKET_IN (no buffer) of <paramref name="frame"/> from <paramref name="inPort"/>.</summary>
    public static PacketIn PacketIn(uint inPort, byte[] frame, Xid xid = default) =>
        new(BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.NoMatch, 0, ulong.MaxValue, new Match([OxmField.InPort(new PortNumber(inPort))]), frame)
        {
            Xid = xid,
        };
}
