namespace Sdn.OpenFlow.Matching;

#pragma warning disable CS1591 // Members are the spec's OXM_OF_* names; see OpenFlow 1.3.5 §7.2.3.7 table 12 for each.

/// <summary>
/// OpenFlow-basic OXM field ids (class <c>OFPXMC_OPENFLOW_BASIC</c>, OpenFlow 1.3.5 §7.2.3.7 <c>oxm_ofb_match_fields</c>).
/// Payload sizes and maskability are in <see cref="OxmFieldInfo"/>.
/// </summary>
public enum OxmBasicField : byte
{
    InPort = 0, InPhyPort = 1, Metadata = 2, EthDst = 3, EthSrc = 4, EthType = 5, VlanVid = 6, VlanPcp = 7,
    IpDscp = 8, IpEcn = 9, IpProto = 10, Ipv4Src = 11, Ipv4Dst = 12, TcpSrc = 13, TcpDst = 14, UdpSrc = 15, UdpDst = 16,
    SctpSrc = 17, SctpDst = 18, Icmpv4Type = 19, Icmpv4Code = 20, ArpOp = 21, ArpSpa = 22, ArpTpa = 23, ArpSha = 24,
    ArpTha = 25, Ipv6Src = 26, Ipv6Dst = 27, Ipv6Flabel = 28, Icmpv6Type = 29, Icmpv6Code = 30, Ipv6NdTarget = 31,
    Ipv6NdSll = 32, Ipv6NdTll = 33, MplsLabel = 34, MplsTc = 35, MplsBos = 36, PbbIsid = 37, TunnelId = 38, Ipv6Exthdr = 39,
}

#pragma warning restore CS1591

/// <summary>OXM classes (OpenFlow 1.3.5 §7.2.3.2 <c>ofp_oxm_class</c>).</summary>
public static class OxmClass
{
    /// <summary>Backward compatibility with NXM (0x0000).</summary>
    public const ushort Nxm0 = 0x0000;
    /// <summary>Backward compatibility with NXM (0x0001).</summary>
    public const ushort Nxm1 = 0x0001;
    /// <summary>Basic class for OpenFlow (0x8000).</summary>
    public const ushort OpenFlowBasic = 0x8000;
    /// <summary>Experimenter class (0xffff): the payload starts with a 32-bit experimenter id.</summary>
    public const ushort Experimenter = 0xffff;
}

/// <summary>Payload size (bytes, without mask) and maskability of each OpenFlow-basic field (OpenFlow 1.3.5 §7.2.3.7 table 12).</summary>
public static class OxmFieldInfo
{
    private static readonly (byte Size, bool Maskable)[] Table =
    [
        (4, false), (4, false), (8, true), (6, true), (6, true), (2, false), (2, true), (1, false),
        (1, false), (1, false), (1, false), (4, true), (4, true), (2, false), (2, false), (2, false), (2, false),
        (2, false), (2, false), (1, false), (1, false), (2, false), (4, true), (4, true), (6, true),
        (6, true), (16, true), (16, true), (4, true), (1, false), (1, false), (16, false),
        (6, false), (6, false), (4, false), (1, false), (1, false), (3, true), (8, true), (2, true),
    ];

    /// <summary>True for ids 0..39, the fields OpenFlow 1.3 defines.</summary>
    public static bool IsKnown(byte field) => field < Table.Length;

    /// <summary>Payload size in bytes of a known field (without mask).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown field id.</exception>
    public static int Size(OxmBasicField field) => Table[(int)field].Size;

    /// <summary>Whether the spec allows a mask on the field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown field id.</exception>
    public static bool IsMaskable(OxmBasicField field) => Table[(int)field].Maskable;
}
