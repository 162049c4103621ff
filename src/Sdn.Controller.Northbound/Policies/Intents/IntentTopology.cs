using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Model;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>Checks intents against the current topology at apply time (stored intents are not: switches may still be connecting).</summary>
public static class IntentTopology
{
    /// <summary>
    /// Every switch an intent names is connected, every avoided link exists, and every IPv4 address a selector names
    /// is used by a known host (addresses are learned from the packets the controller sees; a selector matching no
    /// host would silently do nothing, so the client is told to wait or select by MAC).
    /// </summary>
    /// <param name="intents">The policy's compiled intents.</param>
    /// <param name="snapshot">The current topology.</param>
    /// <exception cref="RpcException">NOT_FOUND naming the field, e.g. "intents[0].waypoint.dpid: switch 0000000000000009 is not connected".</exception>
    public static void Check(IReadOnlyList<CompiledIntent> intents, TopologySnapshot snapshot)
    {
        foreach (var intent in intents)
        {
            foreach (var (end, name) in new[] { (intent.Src, "src"), (intent.Dst, "dst") })
            {
                if (end.Ipv4 is { } ip && !snapshot.Hosts.Values.Any(h => h.Ipv4.Contains(ip)))
                {
                    throw NotFound($"{intent.Field}.selector.{name}: no known host uses {ip} (addresses are learned from the packets the controller sees, see ListHosts); select the host by MAC");
                }
            }

            if (intent.Waypoint is { } w)
            {
                Connected(snapshot, w, $"{intent.Field}.waypoint.dpid");
            }

            if (intent.Avoid is { } avoid)
            {
                Connected(snapshot, avoid.A, $"{intent.Field}.avoid_link.a.dpid");
                Connected(snapshot, avoid.B, $"{intent.Field}.avoid_link.b.dpid");
                if (!snapshot.Links.Any(l => avoid.Matches(new GraphLink(l.Source.Dpid, l.Source.Port, l.Destination.Dpid, l.Destination.Port))))
                {
                    throw NotFound($"{intent.Field}.avoid_link: no link {avoid} in the topology");
                }
            }
        }
    }

    private static void Connected(TopologySnapshot snapshot, OpenFlow.DatapathId dpid, string field)
    {
        if (!snapshot.Switches.ContainsKey(dpid))
        {
            throw NotFound($"{field}: switch {dpid} is not connected");
        }
    }

    private static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));
}
