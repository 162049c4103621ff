namespace Sdn.Packets;

/// <summary>LLDP TLV type, the upper 7 bits of a TLV header (IEEE 802.1AB-2016 §8.4, Table 8-1). Any 0–127 may be cast.</summary>
public enum LldpTlvType : byte
{
    /// <summary>End of LLDPDU (§8.5.1), length 0.</summary>
    End = 0,
    /// <summary>Chassis ID (§8.5.2), mandatory first TLV.</summary>
    ChassisId = 1,
    /// <summary>Port ID (§8.5.3), mandatory second TLV.</summary>
    PortId = 2,
    /// <summary>Time to live (§8.5.4), mandatory third TLV.</summary>
    Ttl = 3,
    /// <summary>Port description (§8.5.5).</summary>
    PortDescription = 4,
    /// <summary>System name (§8.5.6).</summary>
    SystemName = 5,
    /// <summary>System description (§8.5.7).</summary>
    SystemDescription = 6,
    /// <summary>System capabilities (§8.5.8).</summary>
    SystemCapabilities = 7,
    /// <summary>Management address (§8.5.9).</summary>
    ManagementAddress = 8,
    /// <summary>Organizationally specific (§8.6).</summary>
    OrganizationallySpecific = 127,
}
