namespace Sdn.OpenFlow;

/// <summary>
/// OpenFlow wire protocol version, the first byte of every message header
/// (OpenFlow 1.3.5 §7.1 <c>ofp_header.version</c>; OpenFlow 1.0 §5.1).
/// </summary>
public enum OfpVersion : byte
{
    /// <summary>OpenFlow 1.0 (0x01).</summary>
    OpenFlow10 = 0x01,
    /// <summary>OpenFlow 1.1 (0x02).</summary>
    OpenFlow11 = 0x02,
    /// <summary>OpenFlow 1.2 (0x03).</summary>
    OpenFlow12 = 0x03,
    /// <summary>OpenFlow 1.3 (0x04).</summary>
    OpenFlow13 = 0x04,
    /// <summary>OpenFlow 1.4 (0x05).</summary>
    OpenFlow14 = 0x05,
    /// <summary>OpenFlow 1.5 (0x06).</summary>
    OpenFlow15 = 0x06,
}
