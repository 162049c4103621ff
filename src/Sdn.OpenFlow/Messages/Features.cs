namespace Sdn.OpenFlow.Messages;

/// <summary>OFPT_FEATURES_REQUEST (OpenFlow 1.3.5 §7.3.1). No body.</summary>
public sealed record FeaturesRequest : OfpMessage;

/// <summary>
/// OFPT_FEATURES_REPLY (OpenFlow 1.3.5 §7.3.1 <c>ofp_switch_features</c>, 32 bytes). OpenFlow 1.0 also lists ports
/// here (§5.3.1); the 1.0 codec fills <see cref="Ports"/>, 1.3 leaves it empty (ports come from PORT_DESC).
/// </summary>
/// <param name="DatapathId">The switch's dpid.</param>
/// <param name="BufferCount">Packets the switch can buffer at once (<c>n_buffers</c>).</param>
/// <param name="TableCount">Number of flow tables (<c>n_tables</c>).</param>
/// <param name="AuxiliaryId">Auxiliary connection id; 0 for the main connection (1.3 only).</param>
/// <param name="Capabilities">Bitmap of <see cref="SwitchCapabilities"/>.</param>
public sealed record FeaturesReply(DatapathId DatapathId, uint BufferCount, byte TableCount, byte AuxiliaryId, SwitchCapabilities Capabilities) : OfpMessage
{
    /// <summary>Port descriptions (OpenFlow 1.0 only; empty for 1.3).</summary>
    public ValueArray<PortDescription> Ports { get; init; }

    /// <summary>The 1.0 <c>actions</c> bitmap, or the 1.3 <c>reserved</c> field.</summary>
    public uint Reserved { get; init; }
}

/// <summary>Switch capability flags (OpenFlow 1.3.5 §7.3.1 <c>ofp_capabilities</c>).</summary>
[Flags]
public enum SwitchCapabilities : uint
{
    /// <summary>No capability.</summary>
    None = 0,
    /// <summary>Flow statistics.</summary>
    FlowStats = 1 << 0,
    /// <summary>Table statistics.</summary>
    TableStats = 1 << 1,
    /// <summary>Port statistics.</summary>
    PortStats = 1 << 2,
    /// <summary>Group statistics.</summary>
    GroupStats = 1 << 3,
    /// <summary>Can reassemble IP fragments.</summary>
    IpReasm = 1 << 5,
    /// <summary>Queue statistics.</summary>
    QueueStats = 1 << 6,
    /// <summary>OpenFlow 1.0 only (<c>OFPC_ARP_MATCH_IP</c>, OpenFlow 1.0.0 §5.3.1): matches IP addresses inside ARP packets.</summary>
    ArpMatchIp = 1 << 7,
    /// <summary>Switch will block looping ports.</summary>
    PortBlocked = 1 << 8,
    /// <summary>
    /// OpenFlow 1.0 only (<c>OFPC_STP</c>, OpenFlow 1.0.0 §5.3.1): 802.1D spanning tree. On the 1.0 wire this is bit 3,
    /// which 1.3 uses for <see cref="GroupStats"/>, so the record keeps it in bit 31 (a bit no version assigns) and
    /// the 1.0 codec moves it; the 1.3 codec writes capability bits as they are.
    /// </summary>
    Stp = 1u << 31,
}
