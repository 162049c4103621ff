namespace Sdn.OpenFlow.Messages;

/// <summary>
/// A port's description (OpenFlow 1.3.5 §7.2.1 <c>struct ofp_port</c>, 64 bytes): used by PORT_STATUS and the
/// PORT_DESC multipart reply. Feature bitmaps use <c>ofp_port_features</c>; speeds are in kbps.
/// </summary>
/// <param name="PortNo">Port number.</param>
/// <param name="HardwareAddress">The port's MAC address.</param>
/// <param name="Name">Interface name (at most 15 ASCII characters).</param>
/// <param name="Config">Administrative settings.</param>
/// <param name="State">Link state.</param>
public sealed record PortDescription(PortNumber PortNo, MacAddress HardwareAddress, string Name, PortConfig Config, PortState State)
{
    /// <summary>Current features (<c>ofp_port_features</c> bitmap).</summary>
    public uint Current { get; init; }
    /// <summary>Features being advertised.</summary>
    public uint Advertised { get; init; }
    /// <summary>Features supported.</summary>
    public uint Supported { get; init; }
    /// <summary>Features advertised by the peer.</summary>
    public uint Peer { get; init; }
    /// <summary>Current bit rate in kbps.</summary>
    public uint CurrentSpeedKbps { get; init; }
    /// <summary>Maximum bit rate in kbps.</summary>
    public uint MaxSpeedKbps { get; init; }

    /// <summary>True when neither administratively down nor link down: the port can carry traffic.</summary>
    public bool IsUp => (Config & PortConfig.PortDown) == 0 && (State & PortState.LinkDown) == 0;
}

/// <summary>Port administrative flags (OpenFlow 1.3.5 §7.2.1 <c>ofp_port_config</c>).</summary>
[Flags]
public enum PortConfig : uint
{
    /// <summary>None set.</summary>
    None = 0,
    /// <summary>Port is administratively down.</summary>
    PortDown = 1 << 0,
    /// <summary>OpenFlow 1.0 only (<c>OFPPC_NO_STP</c>, OpenFlow 1.0.0 §5.2.1): disable 802.1D spanning tree on the port.</summary>
    NoStp = 1 << 1,
    /// <summary>Drop all packets received by the port.</summary>
    NoRecv = 1 << 2,
    /// <summary>OpenFlow 1.0 only (<c>OFPPC_NO_RECV_STP</c>): drop received 802.1D STP packets.</summary>
    NoRecvStp = 1 << 3,
    /// <summary>OpenFlow 1.0 only (<c>OFPPC_NO_FLOOD</c>): do not include the port when flooding.</summary>
    NoFlood = 1 << 4,
    /// <summary>Drop packets forwarded to the port.</summary>
    NoFwd = 1 << 5,
    /// <summary>Do not send packet-in for this port.</summary>
    NoPacketIn = 1 << 6,
}

/// <summary>Port state flags (OpenFlow 1.3.5 §7.2.1 <c>ofp_port_state</c>).</summary>
[Flags]
public enum PortState : uint
{
    /// <summary>None set.</summary>
    None = 0,
    /// <summary>No physical link present.</summary>
    LinkDown = 1 << 0,
    /// <summary>Port is blocked.</summary>
    Blocked = 1 << 1,
    /// <summary>Live for fast-failover groups.</summary>
    Live = 1 << 2,
    /// <summary>
    /// OpenFlow 1.0 only (<c>OFPPS_STP_LEARN</c>, OpenFlow 1.0.0 §5.2.1): the 802.1D state in bits 8–9 is "learning
    /// but not relaying". The value 0 there is <c>OFPPS_STP_LISTEN</c>; read the state as <c>State &amp; StpMask</c>.
    /// </summary>
    StpLearn = 1 << 8,
    /// <summary>OpenFlow 1.0 only (<c>OFPPS_STP_FORWARD</c>): learning and relaying frames.</summary>
    StpForward = 2 << 8,
    /// <summary>OpenFlow 1.0 only (<c>OFPPS_STP_BLOCK</c>): not part of the spanning tree.</summary>
    StpBlock = 3 << 8,
    /// <summary>OpenFlow 1.0 only (<c>OFPPS_STP_MASK</c>): the two bits that hold the 802.1D state.</summary>
    StpMask = 3 << 8,
}
