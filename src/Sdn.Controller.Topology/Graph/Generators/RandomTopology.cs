namespace Sdn.Controller.Topology.Graph.Generators;

/// <summary>
/// A connected random graph for tests and benchmarks: a random spanning tree (each switch i greater than 0 cabled
/// to a random earlier one) plus random extra cables up to the wanted average degree; no self-cables, at most one
/// cable per switch pair. Switch i (from 0) has dpid i + 1; each switch numbers its ports 1, 2, … in the order its
/// cables were added. Same arguments, same graph (seeded <see cref="Random"/>).
/// </summary>
public static class RandomTopology
{
    /// <summary>Builds the graph.</summary>
    /// <param name="switches">Number of switches, at least 1.</param>
    /// <param name="averageDegree">Wanted cables per switch on average (cables = switches × degree / 2, at least switches - 1, at most all pairs).</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="maxWeight">Cable weights are whole numbers drawn uniformly from 1 to this (both directions alike); 1 gives hop count.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static PathGraph Create(int switches, double averageDegree, int seed, int maxWeight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(switches, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(averageDegree);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1);
        var random = new Random(seed);
        var wanted = (long)Math.Min((double)switches * (switches - 1) / 2, Math.Max(switches - 1, switches * averageDegree / 2));
        var pairs = new HashSet<(int, int)>();
        var nextPort = new uint[switches];
        var cables = new CableList();
        void Add(int a, int b)
        {
            if (a != b && pairs.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                cables.Add((ulong)a + 1, ++nextPort[a], (ulong)b + 1, ++nextPort[b], random.Next(1, maxWeight + 1));
            }
        }

        for (var i = 1; i < switches; i++)
        {
            Add(i, random.Next(i));
        }

        while (pairs.Count < wanted)
        {
            Add(random.Next(switches), random.Next(switches));
        }

        return cables.ToGraph(Enumerable.Range(1, switches).Select(i => (ulong)i));
    }
}
