using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class PathGraphTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Bad_weights_are_refused(double weight)
    {
        var e = Assert.Throws<ArgumentException>(() => PathGraph.Create([Link(1, 1, 2, 1), Link(2, 1, 1, 1, weight)]));
        Assert.Equal("links", e.ParamName);
    }

    [Fact]
    public void The_same_link_twice_is_refused_even_with_another_weight()
    {
        Assert.Throws<ArgumentException>(() => PathGraph.Create([Link(1, 1, 2, 1), Link(1, 1, 2, 1, 3)]));
    }

    [Fact]
    public void Switches_and_links_are_sorted_and_looked_up()
    {
        var graph = PathGraph.Create([Link(9, 1, 2, 1), Link(2, 2, 9, 2, 4), Link(2, 1, 9, 1)], [D(5)]);
        Assert.Equal([D(2), D(5), D(9)], graph.Switches);
        Assert.Equal([Link(2, 1, 9, 1), Link(2, 2, 9, 2, 4), Link(9, 1, 2, 1)], graph.Links);
        Assert.True(graph.Contains(D(5)));
        Assert.False(graph.Contains(D(6)));
        Assert.True(graph.TryGetLink(Link(2, 2, 9, 2, weight: 0), out var found));
        Assert.Equal(4, found.Weight);
        Assert.False(graph.TryGetLink(Link(2, 3, 9, 2), out _));
        Assert.Equal([Link(2, 1, 9, 1), Link(2, 2, 9, 2, 4)], graph.LinksFrom(D(2)));
        Assert.Empty(graph.LinksFrom(D(5)));
        Assert.Empty(graph.LinksFrom(D(6)));
    }

    [Fact]
    public void Empty_graph_answers_nothing()
    {
        var graph = PathGraph.Create([]);
        Assert.Empty(graph.Switches);
        Assert.Null(graph.ShortestPath(D(1), D(1)));
        Assert.Equal(0, graph.MinimumSpanningForest().ComponentCount);
    }

    [Fact]
    public void Reverse_swaps_the_ends()
    {
        Assert.Equal(Link(2, 4, 1, 3, 7), Link(1, 3, 2, 4, 7).Reverse());
        Assert.True(Link(1, 3, 2, 4, 7).SameEndpoints(Link(1, 3, 2, 4, 1)));
        Assert.False(Link(1, 3, 2, 4).SameEndpoints(new GraphLink(D(1), new PortNumber(3), D(2), new PortNumber(5))));
    }
}
