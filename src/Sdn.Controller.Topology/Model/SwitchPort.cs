using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Model;

/// <summary>A port of a switch: the end of a link or a host's attachment point.</summary>
/// <param name="Dpid">The switch's datapath id.</param>
/// <param name="Port">The port number on that switch.</param>
public readonly record struct SwitchPort(DatapathId Dpid, PortNumber Port) : IComparable<SwitchPort>
{
    /// <summary>Orders by dpid, then port number (the deterministic order used in snapshots and tests).</summary>
    public int CompareTo(SwitchPort other)
    {
        var byDpid = Dpid.Value.CompareTo(other.Dpid.Value);
        return byDpid != 0 ? byDpid : Port.Value.CompareTo(other.Port.Value);
    }

    /// <summary><c>dpid:port</c>, e.g. <c>0000000000000001:2</c>.</summary>
    public override string ToString() => $"{Dpid}:{Port}";
}
