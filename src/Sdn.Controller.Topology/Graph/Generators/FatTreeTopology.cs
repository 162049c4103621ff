using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph.Generators;

/// <summary>
/// A k-ary fat tree (Al-Fares, Loukissas and Vahdat 2008): k pods of k/2 edge and k/2 aggregation switches, and
/// (k/2)² core switches — 5k²/4 switches, k³/2 cables (k = 16: 320 switches, 2048 cables). Every cable weighs 1.
/// </summary>
/// <remarks>
/// Dpids: 0xLLPPII — layer LL (1 edge, 2 aggregation, 3 core), pod PP (core: group), index II + 1.
/// Ports: edge switch e of pod p uses 1..k/2 for hosts and k/2 + 1 + a for aggregation switch a (whose port e + 1
/// it reaches). Aggregation switch a of pod p: port k/2 + 1 + j to core (a, j), which reaches it on port p + 1.
/// </remarks>
public static class FatTreeTopology
{
    /// <summary>Edge switch <paramref name="index"/> of <paramref name="pod"/>: 0x01PPII.</summary>
    /// <param name="pod">Pod, 0 to k - 1.</param>
    /// <param name="index">Switch in the pod, 0 to k/2 - 1.</param>
    public static DatapathId Edge(int pod, int index) => Dpid(1, pod, index);

    /// <summary>Aggregation switch <paramref name="index"/> of <paramref name="pod"/>: 0x02PPII.</summary>
    /// <param name="pod">Pod, 0 to k - 1.</param>
    /// <param name="index">Switch in the pod, 0 to k/2 - 1.</param>
    public static DatapathId Aggregation(int pod, int index) => Dpid(2, pod, index);

    /// <summary>Core switch (<paramref name="group"/>, <paramref name="index"/>), cabled to aggregation switch <paramref name="group"/> of every pod: 0x03GGII.</summary>
    /// <param name="group">0 to k/2 - 1.</param>
    /// <param name="index">0 to k/2 - 1.</param>
    public static DatapathId Core(int group, int index) => Dpid(3, group, index);

    /// <summary>Builds the fat tree.</summary>
    /// <param name="k">Switch radix: even, 2 to 254.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is odd or outside 2 to 254.</exception>
    public static PathGraph Create(int k)
    {
        if (k is < 2 or > 254 || k % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "A fat tree needs an even k from 2 to 254.");
        }

        var half = k / 2;
        var cables = new CableList();
        for (var p = 0; p < k; p++)
        {
            for (var a = 0; a < half; a++)
            {
                for (var e = 0; e < half; e++)
                {
                    cables.Add(Edge(p, e).Value, (uint)(half + 1 + a), Aggregation(p, a).Value, (uint)e + 1);
                }

                for (var j = 0; j < half; j++)
                {
                    cables.Add(Aggregation(p, a).Value, (uint)(half + 1 + j), Core(a, j).Value, (uint)p + 1);
                }
            }
        }

        return cables.ToGraph([]);
    }

    private static DatapathId Dpid(int layer, int group, int index) => new(((ulong)layer << 16) | ((ulong)group << 8) | ((ulong)index + 1));
}
