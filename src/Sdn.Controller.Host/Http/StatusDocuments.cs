using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Host.Http;

/// <summary>JSON shapes of the status API (snake_case on the wire). dpids are 16 lowercase hex digits, MACs aa:bb:…, times ISO 8601 UTC.</summary>
public static class StatusDocuments
{
    /// <summary>A port end: switch and port number.</summary>
    /// <param name="Dpid">Datapath id (16 hex digits).</param>
    /// <param name="Port">Port number.</param>
    public sealed record PortRef(string Dpid, uint Port);

    /// <summary>A switch port.</summary>
    /// <param name="Port">Port number.</param>
    /// <param name="Name">Interface name.</param>
    /// <param name="Mac">Hardware address.</param>
    /// <param name="Up">Administratively and operationally up.</param>
    public sealed record PortDoc(uint Port, string Name, string Mac, bool Up);

    /// <summary>A connected switch.</summary>
    /// <param name="Dpid">Datapath id.</param>
    /// <param name="Version">Negotiated OpenFlow version, e.g. "1.3".</param>
    /// <param name="ConnectedAt">When it became Ready.</param>
    /// <param name="Ports">Its ports, ascending.</param>
    public sealed record SwitchDoc(string Dpid, string Version, DateTimeOffset ConnectedAt, IReadOnlyList<PortDoc> Ports);

    /// <summary>A directed link.</summary>
    /// <param name="Src">Where the LLDP probe left.</param>
    /// <param name="Dst">Where it arrived.</param>
    public sealed record LinkDoc(PortRef Src, PortRef Dst);

    /// <summary>A host.</summary>
    /// <param name="Mac">MAC address.</param>
    /// <param name="Vlan">VLAN id or null.</param>
    /// <param name="Location">Attachment point.</param>
    /// <param name="Ipv4">IPv4 addresses.</param>
    /// <param name="Ipv6">IPv6 addresses.</param>
    /// <param name="LastSeen">Last packet seen (UTC, 1 s resolution).</param>
    public sealed record HostDoc(string Mac, ushort? Vlan, PortRef Location, IReadOnlyList<string> Ipv4, IReadOnlyList<string> Ipv6, DateTimeOffset LastSeen);

    /// <summary>The whole topology snapshot.</summary>
    /// <param name="Version">Snapshot version (grows by one per change).</param>
    /// <param name="Switches">Switches by dpid.</param>
    /// <param name="Links">Directed links.</param>
    /// <param name="Hosts">Hosts.</param>
    public sealed record TopologyDoc(long Version, IReadOnlyList<SwitchDoc> Switches, IReadOnlyList<LinkDoc> Links, IReadOnlyList<HostDoc> Hosts);

    /// <summary>One switch of a path.</summary>
    /// <param name="Dpid">Switch.</param>
    /// <param name="InPort">Where the pair's frames enter it.</param>
    /// <param name="OutPort">Where they leave.</param>
    public sealed record HopDoc(string Dpid, uint InPort, uint OutPort);

    /// <summary>An installed path.</summary>
    /// <param name="Src">eth_src.</param>
    /// <param name="Dst">eth_dst.</param>
    /// <param name="Cookie">Cookie of its flows (16 hex digits).</param>
    /// <param name="Hops">Switches in order.</param>
    /// <param name="InstalledAt">When its flows were sent.</param>
    /// <param name="Groups">Its fast-failover groups.</param>
    public sealed record PathDoc(string Src, string Dst, string Cookie, IReadOnlyList<HopDoc> Hops, DateTimeOffset InstalledAt, IReadOnlyList<GroupDoc> Groups);

    /// <summary>A fast-failover group of a path.</summary>
    /// <param name="Dpid">Switch.</param>
    /// <param name="GroupId">Group id on that switch.</param>
    public sealed record GroupDoc(string Dpid, uint GroupId);

    /// <summary>Builds the topology document.</summary>
    public static TopologyDoc Of(TopologySnapshot s, Func<MacAddress, DateTimeOffset?> lastSeen) => new(
        s.Version,
        [.. s.Switches.Values.OrderBy(w => w.Dpid.Value).Select(w => new SwitchDoc(
            w.Dpid.ToString(), w.Version.ToString(), w.ConnectedAt,
            [.. w.Ports.Values.OrderBy(p => p.PortNo.Value).Select(p => new PortDoc(p.PortNo.Value, p.Name, p.HardwareAddress.ToString(), p.IsUp))]))],
        [.. s.Links.Select(l => new LinkDoc(Ref(l.Source), Ref(l.Destination)))],
        [.. s.Hosts.Values.OrderBy(h => h.Mac.Value).Select(h => new HostDoc(
            h.Mac.ToString(), h.VlanId, Ref(h.Location), [.. h.Ipv4.Select(a => a.ToString())], [.. h.Ipv6.Select(a => a.ToString())], lastSeen(h.Mac) ?? h.LastSeen))]);

    /// <summary>Builds a path document.</summary>
    public static PathDoc Of(InstalledPath p) => new(
        p.Pair.Source.ToString(), p.Pair.Destination.ToString(), p.Cookie.ToString("x16"),
        [.. p.Hops.Select(h => new HopDoc(h.Switch.ToString(), h.InPort.Value, h.OutPort.Value))], p.InstalledAt,
        [.. p.Groups.Select(g => new GroupDoc(g.Switch.ToString(), g.Group.Value))]);

    private static PortRef Ref(SwitchPort p) => new(p.Dpid.ToString(), p.Port.Value);
}
