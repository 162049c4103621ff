using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V10;

/// <summary>OFPT_FEATURES_REPLY (OpenFlow 1.0.0 §5.3.1 <c>ofp_switch_features</c>, 32 bytes + 48 per port) and PORT_STATUS (§5.4.3).</summary>
/// <remarks>
/// Capabilities: bits 0–2, 5, 6 agree with 1.3; 1.0's ARP_MATCH_IP (bit 7) is <see cref="SwitchCapabilities.ArpMatchIp"/>;
/// 1.0's STP (bit 3) is <see cref="SwitchCapabilities.Stp"/> (bit 31 in the record, since 1.3 uses bit 3 for
/// GROUP_STATS, which 1.0 cannot express). The 1.0 <c>actions</c> bitmap is carried in <see cref="FeaturesReply.Reserved"/>;
/// the 1.3-only auxiliary id must be 0.
/// </remarks>
internal static class SwitchCodec10
{
    public const int FeaturesFixed = 24;

    private const uint Stp10 = 1 << 3;

    public static FeaturesReply ReadFeaturesReply(ref SpanReader r)
    {
        var dpid = new DatapathId(r.ReadU64());
        var buffers = r.ReadU32();
        var tables = r.ReadU8();
        r.Skip(3);
        var caps = r.ReadU32();
        var actions = r.ReadU32();
        if (r.Remaining % Port10.PhyPortLength != 0)
        {
            throw OpenFlowDecodeException.BadLength($"features reply port list of {r.Remaining} bytes is not whole {Port10.PhyPortLength}-byte ports");
        }

        var ports = new PortDescription[r.Remaining / Port10.PhyPortLength];
        for (var i = 0; i < ports.Length; i++)
        {
            ports[i] = Port10.Read(ref r);
        }

        var mapped = (caps & ~(Stp10 | (uint)SwitchCapabilities.Stp)) | ((caps & Stp10) != 0 ? (uint)SwitchCapabilities.Stp : 0);
        return new FeaturesReply(dpid, buffers, tables, 0, (SwitchCapabilities)mapped) { Reserved = actions, Ports = ports };
    }

    public static int FeaturesReplyLength(FeaturesReply m)
    {
        if (m.AuxiliaryId != 0)
        {
            throw new OpenFlowEncodeException($"FEATURES_REPLY auxiliary id {m.AuxiliaryId}: OpenFlow 1.0 has no auxiliary connections.");
        }

        if ((m.Capabilities & SwitchCapabilities.GroupStats) != 0)
        {
            throw new OpenFlowEncodeException("FEATURES_REPLY capability GROUP_STATS: OpenFlow 1.0 has no groups.");
        }

        foreach (var p in m.Ports)
        {
            Port10.ToWire(p.PortNo);
        }

        return FeaturesFixed + (m.Ports.Count * Port10.PhyPortLength);
    }

    public static void WriteFeaturesReply(ref SpanWriter w, FeaturesReply m)
    {
        var caps = (uint)m.Capabilities;
        w.WriteU64(m.DatapathId.Value);
        w.WriteU32(m.BufferCount);
        w.WriteU8(m.TableCount);
        w.WriteZeros(3);
        w.WriteU32((caps & ~(uint)SwitchCapabilities.Stp) | ((caps & (uint)SwitchCapabilities.Stp) != 0 ? Stp10 : 0));
        w.WriteU32(m.Reserved);
        foreach (var p in m.Ports)
        {
            Port10.Write(ref w, p);
        }
    }

    /// <summary>PORT_STATUS body: reason, pad(7), ofp_phy_port.</summary>
    public static PortStatus ReadPortStatus(ref SpanReader r)
    {
        var reason = (PortStatusReason)r.ReadU8();
        r.Skip(7);
        return new PortStatus(reason, Port10.Read(ref r));
    }

    public static void WritePortStatus(ref SpanWriter w, PortStatus m)
    {
        w.WriteU8((byte)m.Reason);
        w.WriteZeros(7);
        Port10.Write(ref w, m.Port);
    }
}
