namespace Sdn.Packets;

/// <summary>
/// An IEEE 802.1Q tag (802.1Q-2018 §9.6, tag control information): 3-bit priority code point, 1-bit drop eligible
/// indicator, 12-bit VLAN id, announced by <see cref="Tpid"/> (0x8100 C-TAG, or 0x88a8 S-TAG for the outer tag of a
/// stacked pair, 802.1ad). On the wire: 2-byte TPID then 2-byte TCI, 4 bytes in all.
/// </summary>
public readonly record struct VlanTag
{
    /// <summary>Size of a tag on the wire: 4 bytes.</summary>
    public const int Size = 4;

    /// <summary>Creates a tag.</summary>
    /// <param name="vlanId">VLAN id, 0–4095 (0 means priority-tagged only).</param>
    /// <param name="pcp">Priority code point, 0–7.</param>
    /// <param name="dei">Drop eligible indicator.</param>
    /// <param name="tpid">Tag protocol identifier, normally <see cref="EtherType.Vlan"/> or <see cref="EtherType.QinQ"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The VLAN id is above 4095 or the PCP above 7.</exception>
    public VlanTag(ushort vlanId, byte pcp = 0, bool dei = false, EtherType tpid = EtherType.Vlan)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vlanId, (ushort)0xfff);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pcp, (byte)7);
        VlanId = vlanId;
        Pcp = pcp;
        Dei = dei;
        Tpid = tpid;
    }

    /// <summary>VLAN id, 0–4095.</summary>
    public ushort VlanId { get; }

    /// <summary>Priority code point, 0–7.</summary>
    public byte Pcp { get; }

    /// <summary>Drop eligible indicator (formerly CFI).</summary>
    public bool Dei { get; }

    /// <summary>Tag protocol identifier that precedes the TCI.</summary>
    public EtherType Tpid { get; }

    /// <summary>The 16-bit tag control information: PCP (3 bits), DEI (1 bit), VID (12 bits).</summary>
    public ushort Tci => (ushort)((Pcp << 13) | (Dei ? 0x1000 : 0) | VlanId);

    /// <summary>Splits a TCI read from the wire.</summary>
    public static VlanTag FromTci(EtherType tpid, ushort tci) =>
        new((ushort)(tci & 0xfff), (byte)(tci >> 13), (tci & 0x1000) != 0, tpid);

    /// <summary>True for the TPIDs this library reads as tags: 0x8100 and 0x88a8.</summary>
    public static bool IsTpid(EtherType type) => type is EtherType.Vlan or EtherType.QinQ;
}
