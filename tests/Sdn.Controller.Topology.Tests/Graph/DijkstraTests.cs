using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class DijkstraTests
{
    [Fact]
    public void Ring_takes_the_shorter_side()
    {
        var ring = RingTopology.Create(7);
        var path = ring.ShortestPath(RingTopology.Switch(0), RingTopology.Switch(5));
        Assert.Equal([1UL, 7, 6], Via(path));
        Assert.Equal(2, path!.Cost);
    }

    [Fact]
    public void Ring_tie_goes_to_the_lower_out_port()
    {
        // Switch 0 reaches 3 in three links either way; port 1 (towards switch 1) is lower than port 2.
        var ring = RingTopology.Create(6);
        Assert.Equal([1UL, 2, 3, 4], Via(ring.ShortestPath(RingTopology.Switch(0), RingTopology.Switch(3))));
        Assert.Equal([4UL, 5, 6, 1], Via(ring.ShortestPath(RingTopology.Switch(3), RingTopology.Switch(0))));
    }

    [Fact]
    public void Leaf_spine_goes_through_the_first_spine()
    {
        var fabric = LeafSpineTopology.Create(spines: 4, leaves: 6);
        var path = fabric.ShortestPath(LeafSpineTopology.Leaf(0), LeafSpineTopology.Leaf(5))!;
        Assert.Equal([LeafSpineTopology.Leaf(0), LeafSpineTopology.Spine(0), LeafSpineTopology.Leaf(5)], path.Switches);
        Assert.Equal(1u, path.Links[0].SourcePort.Value);
        Assert.Equal(6u, path.Links[1].SourcePort.Value);
    }

    [Fact]
    public void Fat_tree_paths_have_two_or_four_links()
    {
        var tree = FatTreeTopology.Create(4);
        var inPod = tree.ShortestPath(FatTreeTopology.Edge(0, 0), FatTreeTopology.Edge(0, 1))!;
        Assert.Equal([FatTreeTopology.Edge(0, 0), FatTreeTopology.Aggregation(0, 0), FatTreeTopology.Edge(0, 1)], inPod.Switches);

        var acrossPods = tree.ShortestPath(FatTreeTopology.Edge(0, 0), FatTreeTopology.Edge(3, 1))!;
        Assert.Equal(
            [FatTreeTopology.Edge(0, 0), FatTreeTopology.Aggregation(0, 0), FatTreeTopology.Core(0, 0), FatTreeTopology.Aggregation(3, 0), FatTreeTopology.Edge(3, 1)],
            acrossPods.Switches);
        Assert.Equal(4, acrossPods.Cost);
    }

    [Fact]
    public void Weights_beat_hop_count_and_hop_count_breaks_equal_cost()
    {
        var heavy = Build(Cable(1, 1, 2, 1, weight: 5), Cable(1, 2, 3, 1), Cable(3, 2, 2, 2));
        Assert.Equal([1UL, 3, 2], Via(heavy.ShortestPath(D(1), D(2))));

        var equal = Build(Cable(1, 1, 2, 1, weight: 2), Cable(1, 2, 3, 1), Cable(3, 2, 2, 2));
        Assert.Equal([1UL, 2], Via(equal.ShortestPath(D(1), D(2))));

        var zero = Build(Cable(1, 1, 2, 1, weight: 0), Cable(1, 2, 3, 1, weight: 0), Cable(3, 2, 2, 2, weight: 0));
        var path = zero.ShortestPath(D(1), D(2))!;
        Assert.Equal([1UL, 2], Via(path));
        Assert.Equal(0, path.Cost);
    }

    [Fact]
    public void Parallel_links_pick_the_cheaper_then_the_lower_port()
    {
        var same = Build(Cable(1, 2, 2, 2), Cable(1, 1, 2, 1));
        Assert.Equal(1u, same.ShortestPath(D(1), D(2))!.Links.Single().SourcePort.Value);

        var cheaper = Build(Cable(1, 2, 2, 2), Cable(1, 1, 2, 1, weight: 3));
        Assert.Equal(2u, cheaper.ShortestPath(D(1), D(2))!.Links.Single().SourcePort.Value);
    }

    [Fact]
    public void Unreachable_unknown_and_one_way()
    {
        var graph = PathGraph.Create([Link(1, 1, 2, 1), .. Cable(3, 1, 4, 1)], [D(9)]);
        Assert.NotNull(graph.ShortestPath(D(1), D(2)));
        Assert.Null(graph.ShortestPath(D(2), D(1)));
        Assert.Null(graph.ShortestPath(D(1), D(3)));
        Assert.Null(graph.ShortestPath(D(1), D(9)));
        Assert.Null(graph.ShortestPath(D(1), D(42)));
        Assert.Null(graph.ShortestPath(D(42), D(1)));
        Assert.Null(graph.ShortestPathTree(D(42)));
    }

    [Fact]
    public void Source_to_itself_is_the_trivial_path()
    {
        var path = RingTopology.Create(4).ShortestPath(D(2), D(2))!;
        Assert.Empty(path.Links);
        Assert.Equal(0, path.Cost);
        Assert.Equal(D(2), path.Destination);
    }

    [Fact]
    public void Result_does_not_depend_on_link_order()
    {
        var fabric = FatTreeTopology.Create(4);
        var reversed = PathGraph.Create(fabric.Links.Reverse());
        foreach (var s in fabric.Switches.Take(6))
        {
            foreach (var t in fabric.Switches)
            {
                Assert.Equal(fabric.ShortestPath(s, t), reversed.ShortestPath(s, t));
            }
        }
    }

    [Fact]
    public void Tree_paths_equal_single_queries()
    {
        var fabric = FatTreeTopology.Create(4);
        var source = FatTreeTopology.Edge(1, 1);
        var tree = fabric.ShortestPathTree(source)!;
        Assert.Equal(fabric.Switches, tree.ReachableSwitches);
        Assert.Null(tree.ParentLink(source));
        foreach (var t in fabric.Switches)
        {
            var path = fabric.ShortestPath(source, t)!;
            Assert.Equal(path, tree.PathTo(t));
            Assert.True(tree.TryGetCost(t, out var cost));
            Assert.Equal(path.Cost, cost);
            Assert.Equal(path.Links.Count == 0 ? null : path.Links[^1], tree.ParentLink(t));
        }
    }

    [Fact]
    public void Tree_leaves_out_unreachable_switches()
    {
        var graph = Build(Cable(1, 1, 2, 1), Cable(3, 1, 4, 1));
        var tree = graph.ShortestPathTree(D(1))!;
        Assert.Equal([D(1), D(2)], tree.ReachableSwitches);
        Assert.False(tree.TryGetCost(D(3), out var cost));
        Assert.Equal(double.PositiveInfinity, cost);
        Assert.Null(tree.PathTo(D(3)));
        Assert.Null(tree.ParentLink(D(4)));
    }

    [Fact]
    public void Concurrent_queries_agree_with_sequential_ones()
    {
        var fabric = FatTreeTopology.Create(8);
        var pairs = fabric.Switches.SelectMany((s, i) => fabric.Switches.Where((_, j) => (i + j) % 7 == 0).Select(t => (s, t))).ToArray();
        var expected = pairs.Select(p => fabric.ShortestPath(p.s, p.t)).ToArray();
        var actual = new NetworkPath?[pairs.Length];
        Parallel.For(0, pairs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = fabric.ShortestPath(pairs[i].s, pairs[i].t));
        Assert.Equal(expected, actual);
        Assert.All(actual, Assert.NotNull);
    }
}
