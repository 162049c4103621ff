using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using Sdn.OpenFlow;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class SpanningForestTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Fat_tree_forest_is_one_tree_of_n_minus_one_cables(int k)
    {
        var graph = FatTreeTopology.Create(k);
        var forest = graph.MinimumSpanningForest();
        Assert.Equal(1, forest.ComponentCount);
        Assert.Equal(graph.Switches.Count - 1, forest.Links.Count);
        Assert.Equal(graph.Switches.Count - 1, forest.TotalWeight);
        Assert.All(graph.Switches, s => Assert.NotEmpty(forest.PortsOf(s)));
    }

    [Fact]
    public void Equal_weights_take_cables_in_link_order()
    {
        // Ring 1-2-3-4-1: cables 1:1-2:2, 1:2-4:1, 2:1-3:2 come first in link order; 3:1-4:2 would close the loop.
        var forest = RingTopology.Create(4).MinimumSpanningForest();
        Assert.Equal([Link(1, 1, 2, 2), Link(1, 2, 4, 1), Link(2, 1, 3, 2)], forest.Links);
        Assert.Equal([new PortNumber(2)], forest.PortsOf(D(3)));
    }

    [Fact]
    public void Heavier_cables_are_left_out()
    {
        var graph = Build(Cable(1, 1, 2, 1, weight: 1), Cable(2, 2, 3, 1, weight: 2), Cable(3, 2, 1, 2, weight: 3), Cable(1, 3, 3, 3, weight: 2.5));
        var forest = graph.MinimumSpanningForest();
        Assert.Equal(3, forest.TotalWeight);
        Assert.Equal([1u, 2u], forest.Links.Select(l => l.SourcePort.Value));
    }

    [Fact]
    public void One_way_links_and_self_links_do_not_count_and_a_cable_weighs_its_heavier_direction()
    {
        var graph = PathGraph.Create([Link(1, 1, 2, 1), Link(2, 2, 2, 3), Link(2, 3, 2, 2), Link(1, 2, 3, 1, 1), Link(3, 1, 1, 2, 4)], [D(9)]);
        var forest = graph.MinimumSpanningForest();
        Assert.Equal([Link(1, 2, 3, 1, 4)], forest.Links);
        Assert.Equal(3, forest.ComponentCount); // {1,3}, {2}, {9}
        Assert.Empty(forest.PortsOf(D(2)));
        Assert.Empty(forest.PortsOf(D(42)));
    }

    [Fact]
    public void Disconnected_graph_gives_one_tree_per_part()
    {
        var graph = Build(Cable(1, 1, 2, 1), Cable(2, 2, 3, 1), Cable(7, 1, 8, 1));
        var forest = graph.MinimumSpanningForest();
        Assert.Equal(2, forest.ComponentCount);
        Assert.Equal(3, forest.Links.Count);
    }

    [Fact]
    public void Excluded_cables_are_not_used()
    {
        var ring = RingTopology.Create(4);
        var forest = ring.MinimumSpanningForest(ring.Exclude([Link(1, 1, 2, 2)], bothDirections: false));
        Assert.DoesNotContain(forest.Links, l => l.Source == D(1) && l.Target == D(2));
        Assert.Equal(3, forest.Links.Count);
    }
}
