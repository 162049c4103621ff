using System.Globalization;
using System.Text.Json;

namespace Sdn.Lab.Tests.Topology;

/// <summary>One hop of a path reported by <c>GET /v1/paths/{src}/{dst}</c>.</summary>
public readonly record struct PathHop(string Dpid, long InPort, long OutPort)
{
    /// <inheritdoc />
    public override string ToString() => $"{Dpid}({InPort}->{OutPort})";
}

/// <summary>
/// Checks a reported path against the network (a shortest, connected chain from the source host's port to the
/// destination host's port) and against the switches' flow tables (exactly the path's switches forward the pair).
/// Every method returns the problems found; empty = fine.
/// </summary>
public static class PathCheck
{
    /// <summary>The hops and the cookie of a path document.</summary>
    public static (IReadOnlyList<PathHop> Hops, ulong Cookie) Read(JsonElement path)
    {
        var hops = path.GetProperty("hops").EnumerateArray()
            .Select(h => new PathHop(h.GetProperty("dpid").GetString()!.ToLowerInvariant(), h.GetProperty("in_port").GetInt64(), h.GetProperty("out_port").GetInt64()))
            .ToList();
        var cookieText = path.GetProperty("cookie").GetString()!;
        var cookie = ulong.Parse(cookieText.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? cookieText[2..] : cookieText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (hops, cookie);
    }

    /// <summary>The path starts at the source host's port, ends at the destination's, follows real links, and is shortest.</summary>
    public static List<string> Route(LabNetwork net, LabHost src, LabHost dst, IReadOnlyList<PathHop> hops)
    {
        var problems = new List<string>();
        if (hops.Count == 0)
        {
            return ["the path has no hops"];
        }

        if (new PortRef(hops[0].Dpid, hops[0].InPort) != src.Location)
        {
            problems.Add($"first hop {hops[0]} does not start at {src.Name}'s port {src.Location}");
        }

        if (new PortRef(hops[^1].Dpid, hops[^1].OutPort) != dst.Location)
        {
            problems.Add($"last hop {hops[^1]} does not end at {dst.Name}'s port {dst.Location}");
        }

        for (var i = 0; i + 1 < hops.Count; i++)
        {
            var link = new DirectedLink(new PortRef(hops[i].Dpid, hops[i].OutPort), new PortRef(hops[i + 1].Dpid, hops[i + 1].InPort));
            if (!net.Links.Contains(link))
            {
                problems.Add($"hops {i} and {i + 1} are not joined by a link: {link}");
            }
        }

        var shortest = new SwitchGraph(net.Links).SwitchesOnShortestPath(src.Location.Dpid, dst.Location.Dpid);
        if (hops.Count != shortest)
        {
            problems.Add($"the path has {hops.Count} switches; a shortest path (BFS) has {shortest}");
        }

        return problems;
    }

    /// <summary>
    /// On every hop's switch a flow with the path's cookie matches the pair, outputs to the hop's out port and has
    /// counted packets; no other switch has a flow for the pair.
    /// </summary>
    public static List<string> Flows(LabNetwork net, LabHost src, LabHost dst, IReadOnlyList<PathHop> hops, ulong cookie, IReadOnlyDictionary<string, IReadOnlyList<FlowLine>> flows)
    {
        var problems = new List<string>();
        foreach (var hop in hops)
        {
            var pairFlows = flows.GetValueOrDefault(hop.Dpid, []).Where(f => f.Matches(src.Mac, dst.Mac)).ToList();
            var good = pairFlows.Where(f => f.Cookie == cookie && f.Outputs.SequenceEqual([hop.OutPort])).ToList();
            if (good.Count != 1)
            {
                problems.Add($"{hop.Dpid}: expected one flow cookie=0x{cookie:x16} {src.Mac}->{dst.Mac} output:{hop.OutPort}; flows for the pair: " +
                             (pairFlows.Count == 0 ? "none" : string.Join(" | ", pairFlows.Select(f => f.Text))));
            }
            else if (good[0].Packets == 0)
            {
                problems.Add($"{hop.Dpid}: the path flow carried no packets: {good[0].Text}");
            }
        }

        var onPath = hops.Select(h => h.Dpid).ToHashSet();
        foreach (var dpid in net.SwitchDpids.Where(d => !onPath.Contains(d)))
        {
            foreach (var f in flows.GetValueOrDefault(dpid, []).Where(f => f.Matches(src.Mac, dst.Mac)))
            {
                problems.Add($"{dpid} is not on the path but has a flow for {src.Mac}->{dst.Mac}: {f.Text}");
            }
        }

        return problems;
    }
}
