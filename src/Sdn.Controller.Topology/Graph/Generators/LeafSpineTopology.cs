using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph.Generators;

/// <summary>
/// A two-tier leaf-spine (folded Clos) fabric: every leaf has one cable to every spine. Spine s (from 0) has dpid
/// 0x100 + s + 1, leaf l has dpid 0x200 + l + 1. Leaf l's port s + 1 goes to spine s's port l + 1; leaves' hosts
/// would use ports above the spine count. Every cable weighs 1.
/// </summary>
public static class LeafSpineTopology
{
    /// <summary>The dpid of spine <paramref name="s"/>: 0x100 + s + 1.</summary>
    /// <param name="s">Spine number, from 0.</param>
    public static DatapathId Spine(int s) => new(0x100 + (ulong)s + 1);

    /// <summary>The dpid of leaf <paramref name="l"/>: 0x200 + l + 1.</summary>
    /// <param name="l">Leaf number, from 0.</param>
    public static DatapathId Leaf(int l) => new(0x200 + (ulong)l + 1);

    /// <summary>Builds the fabric: spines + leaves switches, spines × leaves cables.</summary>
    /// <param name="spines">Number of spines, 1 to 255.</param>
    /// <param name="leaves">Number of leaves, 1 to 255.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside 1 to 255.</exception>
    public static PathGraph Create(int spines, int leaves)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spines, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spines, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaves, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leaves, 255);
        var cables = new CableList();
        for (var l = 0; l < leaves; l++)
        {
            for (var s = 0; s < spines; s++)
            {
                cables.Add(Leaf(l).Value, (uint)s + 1, Spine(s).Value, (uint)l + 1);
            }
        }

        return cables.ToGraph([]);
    }
}
