namespace Sdn.Packets;

/// <summary>ARP opcode (RFC 826 "ar$op"; RFC 5494 §2). Any value may be cast to this enum.</summary>
public enum ArpOperation : ushort
{
    /// <summary>ares_op$REQUEST.</summary>
    Request = 1,
    /// <summary>ares_op$REPLY.</summary>
    Reply = 2,
}
