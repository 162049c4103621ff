using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class YenTests
{
    [Fact]
    public void Leaf_spine_gives_one_path_per_spine_in_spine_order()
    {
        var fabric = LeafSpineTopology.Create(spines: 4, leaves: 2);
        var paths = fabric.KShortestPaths(LeafSpineTopology.Leaf(0), LeafSpineTopology.Leaf(1), k: 10);
        Assert.Equal(Enumerable.Range(0, 4).Select(LeafSpineTopology.Spine), paths.Select(p => p.Switches[1]));
        Assert.All(paths, p => Assert.Equal(2, p.Cost));
    }

    [Fact]
    public void Fat_tree_has_four_equal_paths_between_pods_then_longer_ones()
    {
        var tree = FatTreeTopology.Create(4);
        var paths = tree.KShortestPaths(FatTreeTopology.Edge(0, 0), FatTreeTopology.Edge(2, 1), k: 6);
        Assert.Equal(6, paths.Count);
        Assert.Equal([4.0, 4, 4, 4, 6, 6], paths.Select(p => p.Cost));
        Assert.Equal(6, paths.Distinct().Count());
        Assert.All(paths, p => Assert.True(p.IsSimple()));
        Assert.Equal(tree.ShortestPath(FatTreeTopology.Edge(0, 0), FatTreeTopology.Edge(2, 1)), paths[0]);
        Assert.Equal(4, paths.Take(4).Select(p => p.Switches[2]).Distinct().Count()); // one per core switch
    }

    [Fact]
    public void Ring_has_exactly_two_loopless_paths()
    {
        var paths = RingTopology.Create(5).KShortestPaths(D(1), D(3), k: 5);
        Assert.Equal([[1UL, 2, 3], [1UL, 5, 4, 3]], paths.Select(Via));
    }

    [Fact]
    public void Parallel_links_give_distinct_paths()
    {
        var graph = Build(Cable(1, 1, 2, 1), Cable(1, 2, 2, 2, weight: 2), Cable(2, 3, 3, 1));
        var paths = graph.KShortestPaths(D(1), D(3), k: 3);
        Assert.Equal([2.0, 3.0], paths.Select(p => p.Cost));
        Assert.Equal([1u, 2u], paths.Select(p => p.Links[0].SourcePort.Value));
    }

    [Fact]
    public void Edge_cases()
    {
        var ring = RingTopology.Create(4);
        Assert.Empty(ring.KShortestPaths(D(1), D(3), k: 0));
        Assert.Empty(ring.KShortestPaths(D(1), D(42), k: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.KShortestPaths(D(1), D(3), k: -1));
        var self = Assert.Single(ring.KShortestPaths(D(2), D(2), k: 3));
        Assert.Empty(self.Links);
        Assert.Empty(Build(Cable(1, 1, 2, 1), Cable(3, 1, 4, 1)).KShortestPaths(D(1), D(4), k: 3));
    }

    [Fact]
    public void Exclusions_apply_to_every_path()
    {
        var fabric = LeafSpineTopology.Create(spines: 3, leaves: 2);
        var excluded = fabric.Exclude(null, [LeafSpineTopology.Spine(1)]);
        var paths = fabric.KShortestPaths(LeafSpineTopology.Leaf(0), LeafSpineTopology.Leaf(1), k: 5, excluded);
        Assert.Equal([LeafSpineTopology.Spine(0), LeafSpineTopology.Spine(2)], paths.Select(p => p.Switches[1]));
    }
}
