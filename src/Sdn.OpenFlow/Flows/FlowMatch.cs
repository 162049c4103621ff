using Sdn.OpenFlow.Matching;

namespace Sdn.OpenFlow.Flows;

/// <summary>
/// The common exact-match fields as a plain value (no allocation), for the hot path: apps that forward by port and
/// address build one per packet. Unset fields are wildcards. Encoded in the order below, which satisfies OXM
/// prerequisites (OpenFlow 1.3.5 §7.2.3.6: eth_type before IP fields); <see cref="ToMatch"/> gives the general
/// <see cref="Match"/> for everything else.
/// </summary>
public readonly record struct FlowMatch
{
    /// <summary>Ingress port (OXM_OF_IN_PORT).</summary>
    public PortNumber? InPort { get; init; }

    /// <summary>Destination MAC (OXM_OF_ETH_DST).</summary>
    public MacAddress? EthDst { get; init; }

    /// <summary>Source MAC (OXM_OF_ETH_SRC).</summary>
    public MacAddress? EthSrc { get; init; }

    /// <summary>EtherType (OXM_OF_ETH_TYPE).</summary>
    public ushort? EthType { get; init; }

    /// <summary>VLAN id 0..4095 of a tagged frame (OXM_OF_VLAN_VID, written with OFPVID_PRESENT).</summary>
    public ushort? VlanVid { get; init; }

    /// <summary>IP protocol (OXM_OF_IP_PROTO); needs <see cref="EthType"/> 0x0800 or 0x86dd.</summary>
    public byte? IpProto { get; init; }

    /// <summary>IPv4 source address as a big-endian 32-bit value (OXM_OF_IPV4_SRC); needs <see cref="EthType"/> 0x0800.</summary>
    public uint? Ipv4Src { get; init; }

    /// <summary>IPv4 destination address (OXM_OF_IPV4_DST); needs <see cref="EthType"/> 0x0800.</summary>
    public uint? Ipv4Dst { get; init; }

    /// <summary>The same match as a general OXM <see cref="Match"/> (allocates).</summary>
    public Match ToMatch()
    {
        var fields = new List<OxmField>(8);
        if (InPort is { } p)
        {
            fields.Add(OxmField.InPort(p));
        }

        if (EthDst is { } d)
        {
            fields.Add(OxmField.EthDst(d));
        }

        if (EthSrc is { } s)
        {
            fields.Add(OxmField.EthSrc(s));
        }

        if (EthType is { } t)
        {
            fields.Add(OxmField.EthType(t));
        }

        if (VlanVid is { } v)
        {
            fields.Add(OxmField.VlanVid(v));
        }

        if (IpProto is { } proto)
        {
            fields.Add(OxmField.IpProto(proto));
        }

        if (Ipv4Src is { } src)
        {
            fields.Add(OxmField.Ipv4Src(src));
        }

        if (Ipv4Dst is { } dst)
        {
            fields.Add(OxmField.Ipv4Dst(dst));
        }

        return fields.Count == 0 ? Match.Any : new Match(fields.ToArray());
    }
}
