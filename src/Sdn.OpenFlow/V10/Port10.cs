using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// OpenFlow 1.0 port numbers and <c>struct ofp_phy_port</c> (OpenFlow 1.0.0 §5.2.1, 48 bytes).
/// </summary>
/// <remarks>
/// Port numbers are 16 bits in 1.0. Physical ports 1..0xff00 (<c>OFPP_MAX</c>) keep their number; the reserved
/// range 0xff00..0xffff maps onto 0xffffff00..0xffffffff, so <c>OFPP_IN_PORT</c> 0xfff8 ↔ <see cref="PortNumber.InPort"/>,
/// …, <c>OFPP_LOCAL</c> 0xfffe ↔ <see cref="PortNumber.Local"/>, <c>OFPP_NONE</c> 0xffff ↔ <see cref="PortNumber.Any"/>,
/// and <c>OFPP_MAX</c> 0xff00 ↔ <see cref="PortNumber.Max"/> (Open vSwitch's <c>OFPP11_OFFSET</c> rule). 32-bit numbers
/// between 0xff01 and 0xfffffeff have no 1.0 form.
/// </remarks>
public static class Port10
{
    /// <summary>Size of <c>ofp_phy_port</c> in bytes.</summary>
    public const int PhyPortLength = 48;

    private const uint ReservedOffset = 0xffff0000;

    /// <summary>The 32-bit port number of a 1.0 port number.</summary>
    public static PortNumber FromWire(ushort port) => new(port >= 0xff00 ? ReservedOffset + port : port);

    /// <summary>The 1.0 port number of <paramref name="port"/>.</summary>
    /// <exception cref="OpenFlowEncodeException">The number has no 16-bit form (0xff01..0xfffffeff).</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ushort ToWire(PortNumber port) => TryToWire(port, out var p) ? p : NoWireForm(port);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ushort NoWireForm(PortNumber port) =>
        throw new OpenFlowEncodeException($"Port {port} has no OpenFlow 1.0 (16-bit) form; 1.0 ports are 0..0xff00 and the reserved 0xfff8..0xffff.");

    /// <summary>The 1.0 port number of <paramref name="port"/>, if it has one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryToWire(PortNumber port, out ushort wire)
    {
        if (port.Value < 0xff00)
        {
            wire = (ushort)port.Value;
            return true;
        }

        if (port.Value >= 0xffffff00)
        {
            wire = (ushort)(port.Value - ReservedOffset);
            return true;
        }

        wire = 0;
        return false;
    }

    /// <summary>
    /// 1.0 <c>ofp_port_features</c> → 1.3 bits (OpenFlow 1.0.0 §5.2.1): rates in bits 0–6 agree; 1.0 COPPER, FIBER,
    /// AUTONEG, PAUSE, PAUSE_ASYM (bits 7–11) are 1.3 bits 11–15. Bits above 11 are not 1.0 features and are dropped.
    /// </summary>
    public static uint FeaturesFromWire(uint f10) => (f10 & 0x7f) | ((f10 & 0xf80) << 4);

    /// <summary>
    /// 1.3 feature bits → 1.0. The 1.3-only rates 40GB_FD, 100GB_FD, 1TB_FD and OTHER (bits 7–10) and bits above 15
    /// have no 1.0 form and are dropped (Open vSwitch does the same).
    /// </summary>
    public static uint FeaturesToWire(uint f13) => (f13 & 0x7f) | ((f13 >> 4) & 0xf80);

    /// <summary>
    /// The speed a feature bitmap (1.3 bits) implies, in kbps: the fastest rate bit set, else 0 — what Open vSwitch
    /// reports for 1.0 ports (<c>netdev_features_to_bps</c>), since 1.0 has no <c>curr_speed</c>/<c>max_speed</c>.
    /// </summary>
    public static uint SpeedKbps(uint f13) =>
        (f13 & (1u << 9)) != 0 ? 1_000_000_000u
        : (f13 & (1u << 8)) != 0 ? 100_000_000u
        : (f13 & (1u << 7)) != 0 ? 40_000_000u
        : (f13 & (1u << 6)) != 0 ? 10_000_000u
        : (f13 & 0x30) != 0 ? 1_000_000u
        : (f13 & 0x0c) != 0 ? 100_000u
        : (f13 & 0x03) != 0 ? 10_000u
        : 0u;

    /// <summary>
    /// Reads an <c>ofp_phy_port</c>: port_no u16, hw_addr, name[16], config, state, curr, advertised, supported, peer.
    /// Config and state bits are kept as they are (1.0's PORT_DOWN/NO_RECV/NO_FWD/NO_PACKET_IN and LINK_DOWN sit
    /// where 1.3 has them; the 1.0-only NO_STP/NO_RECV_STP/NO_FLOOD and STP state bits have their own
    /// <see cref="PortConfig"/>/<see cref="PortState"/> names). Features are moved to 1.3 bits; speeds are derived
    /// from them (<see cref="SpeedKbps"/>: current from <c>curr</c>, max from <c>supported</c>).
    /// </summary>
    internal static PortDescription Read(ref SpanReader r)
    {
        var portNo = FromWire(r.ReadU16());
        var hw = r.ReadMac();
        var name = r.ReadFixedString(16);
        var config = (PortConfig)r.ReadU32();
        var state = (PortState)r.ReadU32();
        var curr = FeaturesFromWire(r.ReadU32());
        var advertised = FeaturesFromWire(r.ReadU32());
        var supported = FeaturesFromWire(r.ReadU32());
        var peer = FeaturesFromWire(r.ReadU32());
        return new PortDescription(portNo, hw, name, config, state)
        {
            Current = curr,
            Advertised = advertised,
            Supported = supported,
            Peer = peer,
            CurrentSpeedKbps = SpeedKbps(curr),
            MaxSpeedKbps = SpeedKbps(supported),
        };
    }

    /// <summary>
    /// Writes an <c>ofp_phy_port</c>. The 1.3-only state bits <see cref="PortState.Blocked"/> and
    /// <see cref="PortState.Live"/> and the 1.3-only feature bits are dropped (1.0 has no place for them), and so are
    /// the speeds (1.0 derives them from the feature bits).
    /// </summary>
    /// <exception cref="OpenFlowEncodeException">The port number has no 16-bit form.</exception>
    internal static void Write(ref SpanWriter w, PortDescription p)
    {
        w.WriteU16(ToWire(p.PortNo));
        w.WriteMac(p.HardwareAddress);
        w.WriteFixedString(p.Name, 16);
        w.WriteU32((uint)p.Config);
        w.WriteU32((uint)(p.State & ~(PortState.Blocked | PortState.Live)));
        w.WriteU32(FeaturesToWire(p.Current));
        w.WriteU32(FeaturesToWire(p.Advertised));
        w.WriteU32(FeaturesToWire(p.Supported));
        w.WriteU32(FeaturesToWire(p.Peer));
    }
}
