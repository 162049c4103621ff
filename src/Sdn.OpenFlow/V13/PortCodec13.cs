using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary><c>struct ofp_port</c> (OpenFlow 1.3.5 §7.2.1, 64 bytes) and OFPT_PORT_STATUS (§7.4.3).</summary>
internal static class PortCodec13
{
    /// <summary>Size of <c>ofp_port</c> in bytes.</summary>
    public const int PortLength = 64;

    public static PortDescription ReadPort(ref SpanReader r)
    {
        var portNo = new PortNumber(r.ReadU32());
        r.Skip(4);
        var hw = r.ReadMac();
        r.Skip(2);
        var name = r.ReadFixedString(16);
        return new PortDescription(portNo, hw, name, (PortConfig)r.ReadU32(), (PortState)r.ReadU32())
        {
            Current = r.ReadU32(),
            Advertised = r.ReadU32(),
            Supported = r.ReadU32(),
            Peer = r.ReadU32(),
            CurrentSpeedKbps = r.ReadU32(),
            MaxSpeedKbps = r.ReadU32(),
        };
    }

    public static void WritePort(ref SpanWriter w, PortDescription p)
    {
        w.WriteU32(p.PortNo.Value);
        w.WriteZeros(4);
        w.WriteMac(p.HardwareAddress);
        w.WriteZeros(2);
        w.WriteFixedString(p.Name, 16);
        w.WriteU32((uint)p.Config);
        w.WriteU32((uint)p.State);
        w.WriteU32(p.Current);
        w.WriteU32(p.Advertised);
        w.WriteU32(p.Supported);
        w.WriteU32(p.Peer);
        w.WriteU32(p.CurrentSpeedKbps);
        w.WriteU32(p.MaxSpeedKbps);
    }

    /// <summary>PORT_STATUS body: reason, pad(7), ofp_port.</summary>
    public static PortStatus ReadPortStatus(ref SpanReader r)
    {
        var reason = (PortStatusReason)r.ReadU8();
        r.Skip(7);
        return new PortStatus(reason, ReadPort(ref r));
    }

    public static void WritePortStatus(ref SpanWriter w, PortStatus m)
    {
        w.WriteU8((byte)m.Reason);
        w.WriteZeros(7);
        WritePort(ref w, m.Port);
    }
}
