using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph.Generators;

/// <summary>
/// A ring of n switches. Switch i (0 ≤ i less than n) has dpid i + 1; its port 1 goes to switch i + 1's port 2
/// (mod n). Every cable weighs 1. n = 2 gives two parallel cables; n = 1 a lone switch.
/// </summary>
public static class RingTopology
{
    /// <summary>The dpid of switch <paramref name="i"/>: i + 1.</summary>
    /// <param name="i">Position on the ring, from 0.</param>
    public static DatapathId Switch(int i) => new((ulong)i + 1);

    /// <summary>Builds the ring: n switches, n cables (2n directed links) for n at least 2.</summary>
    /// <param name="n">Number of switches, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static PathGraph Create(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var cables = new CableList();
        for (var i = 0; n > 1 && i < n; i++)
        {
            cables.Add(Switch(i).Value, 1, Switch((i + 1) % n).Value, 2);
        }

        return cables.ToGraph(Enumerable.Range(0, n).Select(i => Switch(i).Value));
    }
}
