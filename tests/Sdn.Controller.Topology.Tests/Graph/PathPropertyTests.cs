using FsCheck.Fluent;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Tests.Graph.Support;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Tests.Graph;

/// <summary>
/// The algorithms against exhaustive enumeration of all simple paths on random graphs of up to 9 switches
/// (<see cref="SmallGraphs"/>). Each property also counts the cases that actually exercised it and fails if there
/// were too few, so a generator that drifts towards trivial graphs cannot make it pass vacuously.
/// </summary>
public class PathPropertyTests
{
    private const int Cases = 150;

    [Fact]
    public void Dijkstra_and_the_tree_give_the_brute_force_best_path()
    {
        int connected = 0, ties = 0;
        SmallGraphs.Check(SmallGraphs.Graphs(), g =>
        {
            var trees = g.Graph.Switches.ToDictionary(s => s, s => g.Graph.ShortestPathTree(s)!);
            foreach (var (s, t, paths) in BruteForce.AllPairs(g.Graph))
            {
                var expected = paths.FirstOrDefault();
                Assert.Equal(expected, g.Graph.ShortestPath(s, t));
                Assert.Equal(expected, trees[s].PathTo(t));
                Assert.Equal(expected is not null, trees[s].TryGetCost(t, out var cost));
                Assert.Equal(expected?.Cost ?? double.PositiveInfinity, cost);
                connected += expected is not null && s != t ? 1 : 0;
                ties += paths.Count > 1 && paths[1].Cost == paths[0].Cost ? 1 : 0;
            }
        }, Cases);
        Assert.True(connected > Cases * 5, $"only {connected} connected pairs");
        Assert.True(ties > Cases, $"only {ties} pairs with equal-cost alternatives");
    }

    [Fact]
    public void Yen_gives_the_k_first_brute_force_paths()
    {
        int several = 0;
        SmallGraphs.Check(Gen.Zip(SmallGraphs.Graphs(maxSwitches: 7), Gen.Choose(1, 6)), t =>
        {
            var (g, k) = t;
            foreach (var (s, d, paths) in BruteForce.AllPairs(g.Graph))
            {
                var actual = g.Graph.KShortestPaths(s, d, k);
                Assert.Equal(paths.Take(k), actual);
                Assert.All(actual, p => Assert.True(p.IsSimple()));
                Assert.Equal(actual.Count, actual.Distinct().Count());
                Assert.True(actual.Zip(actual.Skip(1)).All(p => p.First.Cost <= p.Second.Cost));
                several += actual.Count > 1 ? 1 : 0;
            }
        }, Cases);
        Assert.True(several > Cases * 3, $"only {several} pairs with more than one path");
    }

    [Fact]
    public void Backup_is_the_best_link_disjoint_path()
    {
        int found = 0, none = 0;
        SmallGraphs.Check(SmallGraphs.Graphs(), g =>
        {
            foreach (var (_, _, paths) in BruteForce.AllPairs(g.Graph).Where(p => p.Source != p.Target && p.Paths.Count > 0))
            {
                // The best path, and the worst one as an arbitrary primary.
                foreach (var primary in new[] { paths[0], paths[^1] })
                {
                    var expected = paths.FirstOrDefault(p => BruteForce.LinkDisjoint(p, primary));
                    var backup = g.Graph.BackupPath(primary);
                    Assert.Equal(expected, backup);
                    found += backup is not null ? 1 : 0;
                    none += backup is null ? 1 : 0;
                }
            }
        }, Cases);
        Assert.True(found > Cases * 2 && none > Cases, $"{found} backups found, {none} pairs without");
    }

    [Fact]
    public void Spanning_forest_has_the_reference_weight_and_spans_every_part()
    {
        int nonTrivial = 0;
        SmallGraphs.Check(SmallGraphs.Graphs(), g =>
        {
            var graph = g.Graph;
            var forest = graph.MinimumSpanningForest();
            var (total, trees) = BruteForce.PrimForest(graph);
            Assert.Equal(total, forest.TotalWeight);
            Assert.Equal(trees, forest.ComponentCount);
            Assert.Equal(graph.Switches.Count - trees, forest.Links.Count);
            var cables = BruteForce.Cables(graph);
            Assert.All(forest.Links, l => Assert.Contains(l, cables));

            // Acyclic: every link joins two different trees of a union-find.
            var root = graph.Switches.ToDictionary(s => s, s => s);
            DatapathId Find(DatapathId v) => root[v] == v ? v : Find(root[v]);
            foreach (var link in forest.Links)
            {
                DatapathId a = Find(link.Source), b = Find(link.Target);
                Assert.NotEqual(a, b);
                root[a] = b;
            }

            nonTrivial += forest.Links.Count > 1 ? 1 : 0;
        }, Cases * 2);
        Assert.True(nonTrivial > Cases / 2, $"only {nonTrivial} forests with more than one cable");
    }

    [Fact]
    public void Excluding_equals_rebuilding_without()
    {
        int changed = 0;
        var gen = Gen.Zip(SmallGraphs.Graphs(), Gen.Choose(0, 1 << 20));
        SmallGraphs.Check(gen, t =>
        {
                var (g, pick) = t;
                var graph = g.Graph;
                var links = graph.Links.Where((_, i) => (pick >> (i % 20) & 1) == 1 && i % 3 == 0).ToList();
                var switches = graph.Switches.Where((_, i) => i == pick % 11).ToList();
                var excluded = graph.Exclude(links, switches, bothDirections: false);
                var rebuilt = PathGraph.Create(
                    graph.Links.Except(links).Where(l => !switches.Contains(l.Source) && !switches.Contains(l.Target)),
                    graph.Switches.Except(switches));
                foreach (var s in graph.Switches)
                {
                    foreach (var d in graph.Switches)
                    {
                        var expected = rebuilt.ShortestPath(s, d);
                        Assert.Equal(expected, graph.ShortestPath(s, d, excluded));
                        Assert.Equal(rebuilt.KShortestPaths(s, d, 3), graph.KShortestPaths(s, d, 3, excluded));
                        changed += expected != graph.ShortestPath(s, d) ? 1 : 0;
                    }
                }

                Assert.Equal(rebuilt.MinimumSpanningForest().TotalWeight, graph.MinimumSpanningForest(excluded).TotalWeight);
        }, Cases);
        Assert.True(changed > Cases, $"only {changed} pairs whose path the exclusion changed");
    }
}
