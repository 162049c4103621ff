namespace Sdn.Lab.Tests.Topology;

/// <summary>The switch graph of a topology (from its directed links), for breadth-first hop counts.</summary>
public sealed class SwitchGraph(IEnumerable<DirectedLink> links)
{
    private readonly ILookup<string, string> _next = links.ToLookup(l => l.Src.Dpid, l => l.Dst.Dpid);

    /// <summary>Number of switches on a shortest path from <paramref name="from"/> to <paramref name="to"/> (1 if equal); -1 if unreachable.</summary>
    public int SwitchesOnShortestPath(string from, string to)
    {
        var depth = new Dictionary<string, int> { [from] = 1 };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var here))
        {
            if (here == to)
            {
                return depth[here];
            }

            foreach (var next in _next[here].Where(n => !depth.ContainsKey(n)))
            {
                depth[next] = depth[here] + 1;
                queue.Enqueue(next);
            }
        }

        return -1;
    }
}
