namespace Sdn.Packets;

/// <summary>
/// An optional LLDP TLV kept raw (IEEE 802.1AB-2016 §8.4): 7-bit type, 9-bit length, value. On the wire: a 2-byte
/// header then the value.
/// </summary>
public readonly record struct LldpTlv
{
    /// <summary>Largest value a TLV can carry: 511 bytes (9-bit length).</summary>
    public const int MaxValueLength = 511;

    /// <summary>Creates an optional TLV.</summary>
    /// <param name="type">Any type except End, Chassis ID, Port ID and TTL (those have their own fields).</param>
    /// <param name="value">At most 511 bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The type is 0–3 or above 127, or the value is too long.</exception>
    public LldpTlv(LldpTlvType type, ReadOnlyMemory<byte> value)
    {
        if ((byte)type is < 4 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Optional LLDP TLVs have types 4-127.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, MaxValueLength, nameof(value));
        Type = type;
        Value = value;
    }

    /// <summary>The TLV type.</summary>
    public LldpTlvType Type { get; }

    /// <summary>The value bytes (0–511).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Size on the wire: 2 + value length, in bytes.</summary>
    public int WireLength => 2 + Value.Length;

    /// <summary>The 2-byte TLV header: type in the upper 7 bits, length in the lower 9.</summary>
    internal static ushort Header(LldpTlvType type, int length) => (ushort)(((int)type << 9) | length);
}

/// <summary>
/// The value of a Chassis ID or Port ID TLV (IEEE 802.1AB-2016 §8.5.2, §8.5.3): a 1-byte subtype and a 1–255 byte id.
/// Chassis subtypes: 4 MAC address, 5 network address, 6 interface name, 7 locally assigned. Port subtypes: 2 port
/// component, 3 MAC address, 5 interface name, 7 locally assigned.
/// </summary>
public readonly record struct LldpIdentifier
{
    /// <summary>Creates an identifier.</summary>
    /// <param name="subtype">The subtype byte.</param>
    /// <param name="id">1–255 bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The id is empty or longer than 255 bytes.</exception>
    public LldpIdentifier(byte subtype, ReadOnlyMemory<byte> id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id.Length, 1, nameof(id));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id.Length, 255, nameof(id));
        Subtype = subtype;
        Id = id;
    }

    /// <summary>The subtype byte.</summary>
    public byte Subtype { get; }

    /// <summary>The id bytes (1–255).</summary>
    public ReadOnlyMemory<byte> Id { get; }
}
