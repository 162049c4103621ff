using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;

namespace Sdn.Controller.Topology.Tests.Graph;

public class GeneratorTests
{
    /// <summary>Every link has its reverse, no port of a switch is used twice, and every switch reaches every other.</summary>
    private static void AssertConnectedCables(PathGraph graph)
    {
        Assert.All(graph.Links, l => Assert.True(graph.TryGetLink(l.Reverse(), out _), $"{l} has no reverse"));
        Assert.Equal(graph.Links.Count, graph.Links.DistinctBy(l => (l.Source, l.SourcePort)).Count());
        Assert.Equal(graph.Switches, graph.ShortestPathTree(graph.Switches[0])!.ReachableSwitches);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    public void Fat_tree_has_the_textbook_counts(int k)
    {
        var graph = FatTreeTopology.Create(k);
        Assert.Equal(5 * k * k / 4, graph.Switches.Count);
        Assert.Equal(k * k * k, graph.Links.Count); // k³/2 cables, two links each
        AssertConnectedCables(graph);
        Assert.Equal(k / 2, graph.LinksFrom(FatTreeTopology.Edge(k - 1, k / 2 - 1)).Count);
        Assert.Equal(k, graph.LinksFrom(FatTreeTopology.Aggregation(0, 0)).Count);
        Assert.Equal(k, graph.LinksFrom(FatTreeTopology.Core(k / 2 - 1, 0)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(256)]
    public void Fat_tree_refuses_bad_k(int k) => Assert.Throws<ArgumentOutOfRangeException>(() => FatTreeTopology.Create(k));

    [Fact]
    public void Leaf_spine_cables_every_leaf_to_every_spine()
    {
        var graph = LeafSpineTopology.Create(spines: 3, leaves: 5);
        Assert.Equal(8, graph.Switches.Count);
        Assert.Equal(2 * 3 * 5, graph.Links.Count);
        AssertConnectedCables(graph);
        var leaf = graph.LinksFrom(LeafSpineTopology.Leaf(4));
        Assert.Equal(Enumerable.Range(0, 3).Select(LeafSpineTopology.Spine), leaf.Select(l => l.Target));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeafSpineTopology.Create(0, 2));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void Ring_has_n_cables(int n)
    {
        var graph = RingTopology.Create(n);
        Assert.Equal(n, graph.Switches.Count);
        Assert.Equal(2 * n, graph.Links.Count);
        AssertConnectedCables(graph);
    }

    [Fact]
    public void Ring_of_one_is_a_lone_switch()
    {
        var graph = RingTopology.Create(1);
        Assert.Equal([RingTopology.Switch(0)], graph.Switches);
        Assert.Empty(graph.Links);
        Assert.Throws<ArgumentOutOfRangeException>(() => RingTopology.Create(0));
    }

    [Theory]
    [InlineData(1, 4.0)]
    [InlineData(50, 4.0)]
    [InlineData(200, 3.0)]
    [InlineData(6, 10.0)]
    public void Random_graph_is_connected_with_the_wanted_degree(int n, double degree)
    {
        var graph = RandomTopology.Create(n, degree, seed: 7, maxWeight: 5);
        Assert.Equal(n, graph.Switches.Count);
        var cables = Math.Min(n * (n - 1) / 2, Math.Max(n - 1, (int)(n * degree / 2)));
        Assert.Equal(2 * cables, graph.Links.Count);
        Assert.All(graph.Links, l => Assert.InRange(l.Weight, 1, 5));
        Assert.Equal(graph.Links.Count / 2, graph.Links.Select(l => (Math.Min(l.Source.Value, l.Target.Value), Math.Max(l.Source.Value, l.Target.Value))).Distinct().Count());
        AssertConnectedCables(graph);
    }

    [Fact]
    public void Random_graph_depends_on_the_seed_only()
    {
        Assert.Equal(RandomTopology.Create(100, 4, seed: 1).Links, RandomTopology.Create(100, 4, seed: 1).Links);
        Assert.NotEqual(RandomTopology.Create(100, 4, seed: 1).Links, RandomTopology.Create(100, 4, seed: 2).Links);
    }
}
