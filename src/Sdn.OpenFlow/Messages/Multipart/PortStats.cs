namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>OFPMP_PORT_STATS request (OpenFlow 1.3.5 §7.3.5.6 <c>ofp_port_stats_request</c>).</summary>
/// <param name="PortNo">The port, or <see cref="PortNumber.Any"/> for all.</param>
public sealed record PortStatsRequest(PortNumber PortNo) : MultipartRequest;

/// <summary>OFPMP_PORT_STATS reply (OpenFlow 1.3.5 §7.3.5.6): one entry per port.</summary>
/// <param name="Ports">Entries of this part.</param>
public sealed record PortStatsReply(ValueArray<PortStats> Ports) : MultipartReply;

/// <summary>
/// One port's counters (OpenFlow 1.3.5 §7.3.5.6 <c>ofp_port_stats</c>, 112 bytes). Counters are packets or bytes
/// as named; all ones means unavailable.
/// </summary>
/// <param name="PortNo">Port.</param>
public sealed record PortStats(PortNumber PortNo)
{
    /// <summary>Received packets.</summary>
    public ulong RxPackets { get; init; }
    /// <summary>Transmitted packets.</summary>
    public ulong TxPackets { get; init; }
    /// <summary>Received bytes.</summary>
    public ulong RxBytes { get; init; }
    /// <summary>Transmitted bytes.</summary>
    public ulong TxBytes { get; init; }
    /// <summary>Packets dropped by RX.</summary>
    public ulong RxDropped { get; init; }
    /// <summary>Packets dropped by TX.</summary>
    public ulong TxDropped { get; init; }
    /// <summary>Receive errors.</summary>
    public ulong RxErrors { get; init; }
    /// <summary>Transmit errors.</summary>
    public ulong TxErrors { get; init; }
    /// <summary>Frame alignment errors.</summary>
    public ulong RxFrameErrors { get; init; }
    /// <summary>Packets with RX overrun.</summary>
    public ulong RxOverErrors { get; init; }
    /// <summary>CRC errors.</summary>
    public ulong RxCrcErrors { get; init; }
    /// <summary>Collisions.</summary>
    public ulong Collisions { get; init; }
    /// <summary>Seconds the port has been alive.</summary>
    public uint DurationSec { get; init; }
    /// <summary>Nanoseconds beyond <see cref="DurationSec"/>.</summary>
    public uint DurationNsec { get; init; }
}
