using System.Buffers.Binary;

namespace Sdn.OpenFlow.Matching;

/// <summary>
/// One OXM TLV (OpenFlow 1.3.5 §7.2.3.2): class, field, optional mask, value. Fields of unknown classes or ids are
/// kept as they came. Use the factory methods (<see cref="InPort"/>, <see cref="EthDst"/>, …) for basic fields.
/// </summary>
/// <param name="Class">OXM class (<see cref="OxmClass"/>).</param>
/// <param name="Field">Field id within the class (7 bits).</param>
/// <param name="Value">Value bytes, network order (for the experimenter class, starting with the experimenter id).</param>
/// <param name="Mask">Mask bytes (same length as <paramref name="Value"/>) or empty for an exact match.</param>
public readonly record struct OxmField(ushort Class, byte Field, ValueArray<byte> Value, ValueArray<byte> Mask)
{
    /// <summary>OFPVID_PRESENT (0x1000): set in VLAN_VID when a VLAN tag is present (OpenFlow 1.3.5 §7.2.3.8).</summary>
    public const ushort VlanPresent = 0x1000;

    /// <summary>True when a mask is present (the OXM <c>hasmask</c> bit).</summary>
    public bool HasMask => Mask.Count > 0;

    /// <summary>True for class <c>OFPXMC_OPENFLOW_BASIC</c>.</summary>
    public bool IsBasic => Class == OxmClass.OpenFlowBasic;

    /// <summary>The basic field id (meaningful only when <see cref="IsBasic"/>).</summary>
    public OxmBasicField BasicField => (OxmBasicField)Field;

    /// <summary>Bytes on the wire: 4-byte header + value + mask.</summary>
    public int WireLength => 4 + Value.Count + Mask.Count;

    /// <summary>The value as a big-endian unsigned integer (fields of 1–8 bytes).</summary>
    /// <exception cref="InvalidOperationException">The value is longer than 8 bytes.</exception>
    public ulong ValueAsUInt64() => ToUInt64(Value.AsSpan());

    /// <summary>The mask as a big-endian unsigned integer (fields of 1–8 bytes); all ones when there is no mask.</summary>
    public ulong MaskAsUInt64() => HasMask ? ToUInt64(Mask.AsSpan()) : (Value.Count >= 8 ? ulong.MaxValue : (1UL << (8 * Value.Count)) - 1);

    /// <summary>The value as a MAC address (6-byte fields).</summary>
    public MacAddress ValueAsMac() => MacAddress.Read(Value.AsSpan());

    /// <summary>A basic field from raw bytes.</summary>
    /// <exception cref="ArgumentException">Value or mask has the wrong size for a known field.</exception>
    public static OxmField Basic(OxmBasicField field, ReadOnlySpan<byte> value, ReadOnlySpan<byte> mask = default)
    {
        if (OxmFieldInfo.IsKnown((byte)field) && value.Length != OxmFieldInfo.Size(field))
        {
            throw new ArgumentException($"OXM {field} takes {OxmFieldInfo.Size(field)} byte(s), got {value.Length}.", nameof(value));
        }

        if (!mask.IsEmpty && mask.Length != value.Length)
        {
            throw new ArgumentException("The mask must be as long as the value.", nameof(mask));
        }

        return new OxmField(OxmClass.OpenFlowBasic, (byte)field, ValueArray.Create(value), ValueArray.Create(mask));
    }

    /// <summary>A basic field whose value is an unsigned integer of the field's size.</summary>
    public static OxmField Basic(OxmBasicField field, ulong value, ulong? mask = null)
    {
        var size = OxmFieldInfo.Size(field);
        Span<byte> v = stackalloc byte[size];
        Span<byte> m = stackalloc byte[size];
        FromUInt64(value, v);
        if (mask is { } mv)
        {
            FromUInt64(mv, m);
            return Basic(field, v, m);
        }

        return Basic(field, v);
    }

    /// <summary>OXM_OF_IN_PORT.</summary>
    public static OxmField InPort(PortNumber port) => Basic(OxmBasicField.InPort, port.Value);

    /// <summary>OXM_OF_ETH_DST, optionally masked.</summary>
    public static OxmField EthDst(MacAddress mac, MacAddress? mask = null) => Basic(OxmBasicField.EthDst, mac.Value, mask?.Value);

    /// <summary>OXM_OF_ETH_SRC, optionally masked.</summary>
    public static OxmField EthSrc(MacAddress mac, MacAddress? mask = null) => Basic(OxmBasicField.EthSrc, mac.Value, mask?.Value);

    /// <summary>OXM_OF_ETH_TYPE.</summary>
    public static OxmField EthType(ushort etherType) => Basic(OxmBasicField.EthType, etherType);

    /// <summary>OXM_OF_VLAN_VID for a tagged VID (sets <see cref="VlanPresent"/>).</summary>
    public static OxmField VlanVid(ushort vid) => Basic(OxmBasicField.VlanVid, (ushort)(vid | VlanPresent));

    /// <summary>OXM_OF_IP_PROTO.</summary>
    public static OxmField IpProto(byte protocol) => Basic(OxmBasicField.IpProto, protocol);

    /// <summary>OXM_OF_IPV4_SRC, optionally masked (addresses as big-endian 32-bit values).</summary>
    public static OxmField Ipv4Src(uint address, uint? mask = null) => Basic(OxmBasicField.Ipv4Src, address, mask);

    /// <summary>OXM_OF_IPV4_DST, optionally masked.</summary>
    public static OxmField Ipv4Dst(uint address, uint? mask = null) => Basic(OxmBasicField.Ipv4Dst, address, mask);

    /// <summary>Formats like <c>eth_dst=00:00:00:00:00:01/ff:ff:ff:ff:ff:ff</c> (basic) or <c>oxm(class:field)=hex</c>.</summary>
    public override string ToString()
    {
        var name = IsBasic && OxmFieldInfo.IsKnown(Field) ? BasicField.ToString() : $"oxm({Class:x4}:{Field})";
        var value = Value.Count == 6 ? ValueAsMac().ToString() : Value.ToString();
        var mask = HasMask ? "/" + (Mask.Count == 6 ? MacAddress.Read(Mask.AsSpan()).ToString() : Mask.ToString()) : "";
        return $"{name}={value}{mask}";
    }

    private static ulong ToUInt64(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 8)
        {
            throw new InvalidOperationException($"A {bytes.Length}-byte OXM value is not an integer.");
        }

        ulong v = 0;
        foreach (var b in bytes)
        {
            v = (v << 8) | b;
        }

        return v;
    }

    private static void FromUInt64(ulong value, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(full, value);
        full[(8 - destination.Length)..].CopyTo(destination);
    }
}
