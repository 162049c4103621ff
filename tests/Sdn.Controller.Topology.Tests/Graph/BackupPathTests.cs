using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class BackupPathTests
{
    [Fact]
    public void Ring_backup_goes_the_other_way()
    {
        var ring = RingTopology.Create(6);
        var primary = ring.ShortestPath(D(1), D(3))!;
        var backup = ring.BackupPath(primary);
        Assert.Equal([1UL, 6, 5, 4, 3], Via(backup));
        Assert.Equal(4, backup!.Cost);
    }

    [Fact]
    public void Leaf_spine_backup_uses_the_next_spine()
    {
        var fabric = LeafSpineTopology.Create(spines: 2, leaves: 3);
        var primary = fabric.ShortestPath(LeafSpineTopology.Leaf(0), LeafSpineTopology.Leaf(2))!;
        Assert.Equal(LeafSpineTopology.Spine(1), fabric.BackupPath(primary)!.Switches[1]);
    }

    [Fact]
    public void Parallel_cable_is_a_valid_backup()
    {
        var graph = Build(Cable(1, 1, 2, 1), Cable(1, 2, 2, 2, weight: 5));
        var backup = graph.BackupPath(graph.ShortestPath(D(1), D(2))!)!;
        Assert.Equal(2u, backup.Links.Single().SourcePort.Value);
        Assert.Equal(5, backup.Cost);
    }

    [Fact]
    public void The_reverse_direction_of_a_primary_link_is_not_used()
    {
        // Primary s-x-y-t. Without the rule the backup would be s-y-x-t (y->x is x->y's reverse); with it, s-t.
        ulong s = 1, x = 2, y = 3, t = 4;
        var graph = PathGraph.Create(
        [
            Link(s, 1, x, 1), Link(x, 2, y, 1), Link(y, 2, t, 1),
            Link(s, 2, y, 3), Link(y, 1, x, 2), Link(x, 3, t, 2),
            Link(s, 3, t, 3, weight: 100),
        ]);
        var primary = new NetworkPath(D(s), [Link(s, 1, x, 1), Link(x, 2, y, 1), Link(y, 2, t, 1)]);
        Assert.Equal([s, t], Via(graph.BackupPath(primary)));
    }

    [Fact]
    public void A_bridge_has_no_backup_and_a_trivial_primary_its_own()
    {
        var chain = Build(Cable(1, 1, 2, 1), Cable(2, 2, 3, 1));
        Assert.Null(chain.BackupPath(chain.ShortestPath(D(1), D(3))!));
        Assert.Equal(chain.ShortestPath(D(2), D(2)), chain.BackupPath(chain.ShortestPath(D(2), D(2))!));
        Assert.Null(chain.BackupPath(new NetworkPath(D(7), [])));
    }

    [Fact]
    public void Fat_tree_backup_is_disjoint_and_as_short()
    {
        var tree = FatTreeTopology.Create(4);
        var primary = tree.ShortestPath(FatTreeTopology.Edge(0, 0), FatTreeTopology.Edge(3, 1))!;
        var backup = tree.BackupPath(primary)!;
        Assert.Equal(4, backup.Cost);
        Assert.DoesNotContain(backup.Links, l => primary.Links.Any(p => l.SameEndpoints(p) || l.SameEndpoints(p.Reverse())));
    }
}
