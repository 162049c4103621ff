using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class ExclusionTests
{
    private static readonly PathGraph Ring = RingTopology.Create(6);

    [Fact]
    public void Excluding_a_cable_reroutes_the_other_way()
    {
        var excluded = Ring.Exclude([Link(2, 1, 3, 2)]);
        Assert.Equal([Link(2, 1, 3, 2), Link(3, 2, 2, 1)], excluded.Links);
        Assert.Equal([1UL, 6, 5, 4], Via(Ring.ShortestPath(D(1), D(4), excluded)));
        Assert.Equal([3UL, 4, 5, 6, 1], Via(Ring.ShortestPath(D(3), D(1), excluded)));
    }

    [Fact]
    public void Excluding_one_direction_leaves_the_other()
    {
        var excluded = Ring.Exclude([Link(2, 1, 3, 2)], bothDirections: false);
        Assert.Single(excluded.Links);
        Assert.Equal([1UL, 6, 5, 4], Via(Ring.ShortestPath(D(1), D(4), excluded)));
        Assert.Equal([3UL, 2, 1], Via(Ring.ShortestPath(D(3), D(1), excluded)));
    }

    [Fact]
    public void Excluded_switches_are_not_crossed_nor_reached()
    {
        var excluded = Ring.Exclude(null, [D(2)]);
        Assert.Equal([D(2)], excluded.Switches);
        Assert.Equal([1UL, 6, 5, 4, 3], Via(Ring.ShortestPath(D(1), D(3), excluded)));
        Assert.Null(Ring.ShortestPath(D(1), D(2), excluded));
        Assert.Null(Ring.ShortestPath(D(2), D(1), excluded));
        Assert.Null(Ring.ShortestPathTree(D(2), excluded));
        Assert.DoesNotContain(D(2), Ring.ShortestPathTree(D(1), excluded)!.ReachableSwitches);
    }

    [Fact]
    public void Unknown_links_and_switches_are_ignored_and_union_merges()
    {
        var none = Ring.Exclude([Link(1, 9, 2, 9)], [D(99)]);
        Assert.True(none.IsEmpty);
        var both = Ring.Exclude([Link(1, 1, 2, 2)]).Union(Ring.Exclude(null, [D(4)]));
        Assert.Equal(2, both.Links.Count);
        Assert.Equal([D(4)], both.Switches);
        Assert.Null(Ring.ShortestPath(D(1), D(3), both));
    }

    [Fact]
    public void A_set_of_another_graph_is_refused()
    {
        var other = RingTopology.Create(6).Exclude([Link(1, 1, 2, 2)]);
        Assert.Throws<ArgumentException>(() => Ring.ShortestPath(D(1), D(2), other));
        Assert.Throws<ArgumentException>(() => Ring.KShortestPaths(D(1), D(2), 2, other));
        Assert.Throws<ArgumentException>(() => Ring.MinimumSpanningForest(other));
        Assert.Throws<ArgumentException>(() => Ring.Exclude(null).Union(other));
    }
}
