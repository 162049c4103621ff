using FsCheck.Fluent;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using Sdn.Controller.Topology.Tests.Graph.Support;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

/// <summary><see cref="WaypointPath.ShortestPathVia"/>: hand-made cases, then every triple of random graphs against brute force.</summary>
public class WaypointPathTests
{
    [Fact]
    public void Concatenation_that_crosses_a_switch_twice_is_replaced_by_the_best_loop_free_path()
    {
        // Ring 1-2-3-4-1: 1→3 is 1-2-3 by the tie-break, 3→2 is 3-2, so the concatenation 1-2-3-2 loops at 2.
        var ring = RingTopology.Create(4);
        Assert.Equal([1UL, 2, 3], Via(ring.ShortestPath(D(1), D(3))));
        var path = ring.ShortestPathVia(D(1), D(3), D(2));
        Assert.Equal([1UL, 4, 3, 2], Via(path));
        Assert.True(path!.IsSimple());
        Assert.Equal(3, path.Cost);
    }

    [Fact]
    public void Simple_concatenation_is_kept_as_is()
    {
        var ring = RingTopology.Create(6);
        var path = ring.ShortestPathVia(D(1), D(5), D(4));
        Assert.Equal([1UL, 6, 5, 4], Via(path));
        Assert.Equal([1UL, 2, 3, 4], Via(ring.ShortestPathVia(D(1), D(3), D(4))));
    }

    [Fact]
    public void A_waypoint_only_reachable_through_a_dead_end_is_unreachable_not_a_loop()
    {
        // 1-2-3 in a line: 1 → 3 → 2 would need 2 twice.
        var line = Build(Cable(1, 1, 2, 1), Cable(2, 2, 3, 1));
        Assert.Null(line.ShortestPathVia(D(1), D(3), D(2)));
        Assert.Equal([1UL, 2, 3], Via(line.ShortestPathVia(D(1), D(2), D(3))));
    }

    [Fact]
    public void Waypoint_at_either_end_is_the_plain_shortest_path()
    {
        var ring = RingTopology.Create(5);
        Assert.Equal(ring.ShortestPath(D(1), D(3)), ring.ShortestPathVia(D(1), D(1), D(3)));
        Assert.Equal(ring.ShortestPath(D(1), D(3)), ring.ShortestPathVia(D(1), D(3), D(3)));
        Assert.Equal([1UL], Via(ring.ShortestPathVia(D(1), D(1), D(1))));
    }

    [Fact]
    public void Same_switch_ends_with_another_waypoint_give_null()
    {
        var ring = RingTopology.Create(4);
        Assert.Null(ring.ShortestPathVia(D(2), D(4), D(2)));
    }

    [Fact]
    public void Unknown_or_excluded_switches_give_null()
    {
        var ring = RingTopology.Create(4);
        Assert.Null(ring.ShortestPathVia(D(1), D(9), D(2)));
        Assert.Null(ring.ShortestPathVia(D(1), D(3), D(2), ring.Exclude(null, [D(3)])));
    }

    [Fact]
    public void Excluded_cables_are_avoided_in_both_directions()
    {
        // Ring 1-2-3-4-1; waypoint 2 from 1 to 3, but the 1-2 cable is out: 1-4-3-2 loops back, so no path.
        var ring = RingTopology.Create(4);
        var cut = ring.Exclude([ring.LinksFrom(D(1)).Single(l => l.Target == D(2))]);
        Assert.Null(ring.ShortestPathVia(D(1), D(2), D(3), cut));

        // Ring of 6 with a chord 1-4: 1 → 3 → 2 is 1-4-3-2; with the chord excluded, the long way round.
        var chorded = PathGraph.Create(RingTopology.Create(6).Links.Concat(Cable(1, 7, 4, 7)));
        Assert.Equal([1UL, 4, 3, 2], Via(chorded.ShortestPathVia(D(1), D(3), D(2))));
        var chord = chorded.LinksFrom(D(1)).Single(l => l.Target == D(4));
        var path = chorded.ShortestPathVia(D(1), D(3), D(2), chorded.Exclude([chord]));
        Assert.Equal([1UL, 6, 5, 4, 3, 2], Via(path));
        Assert.DoesNotContain(path!.Links, l => l.SameEndpoints(chord) || l.SameEndpoints(chord.Reverse()));
    }

    [Fact]
    public void One_way_links_are_not_used_for_waypoint_detours()
    {
        // 1→2 one way only, the rest cables: the concatenation 1-2-3-2-... loops, and the flow may not use 1→2.
        var links = new List<GraphLink> { Link(1, 1, 2, 1) };
        links.AddRange(Cable(2, 2, 3, 1));
        links.AddRange(Cable(1, 2, 4, 1));
        links.AddRange(Cable(4, 2, 3, 2));
        var graph = PathGraph.Create(links);
        var path = graph.ShortestPathVia(D(1), D(3), D(2));
        Assert.Equal([1UL, 4, 3, 2], Via(path));
    }

    [Fact]
    public void Best_loop_free_path_through_the_waypoint_equals_brute_force_on_random_graphs()
    {
        int found = 0, none = 0, detoured = 0;
        SmallGraphs.Check(SmallGraphs.Graphs(maxSwitches: 8), g =>
        {
            var graph = g.Graph;
            var cables = CableGraph(graph);
            foreach (var s in graph.Switches)
            {
                var all = BruteForce.SimplePathsFrom(cables, s);
                foreach (var t in graph.Switches.Where(t => t != s))
                {
                    foreach (var w in graph.Switches.Where(w => w != s && w != t))
                    {
                        var expected = all.GetValueOrDefault(t, []).Where(p => p.Switches.Contains(w)).Select(p => p.Cost).DefaultIfEmpty(double.NaN).Min();
                        var actual = graph.ShortestPathVia(s, w, t);
                        if (double.IsNaN(expected))
                        {
                            Assert.Null(actual);
                            none++;
                            continue;
                        }

                        Assert.NotNull(actual);
                        Assert.Equal(expected, actual.Cost);
                        Assert.True(actual.IsSimple(), $"{actual} loops");
                        Assert.Equal(s, actual.Source);
                        Assert.Equal(t, actual.Destination);
                        Assert.Contains(w, actual.Switches);
                        Assert.All(actual.Links, l => Assert.True(cables.TryGetLink(l, out var c) && c.Weight == l.Weight, $"{l} is not a cable"));
                        found++;
                        var plain = graph.ShortestPath(s, w);
                        detoured += plain is not null && graph.ShortestPath(w, t) is { } back && !new NetworkPath(s, [.. plain.Links, .. back.Links]).IsSimple() ? 1 : 0;
                    }
                }
            }
        }, 120);
        Assert.True(found > 500 && none > 500 && detoured > 50, $"{found} found, {none} none, {detoured} needed the flow");
    }

    [Fact]
    public void Excluded_links_never_appear_on_random_graphs()
    {
        int excludedChecked = 0;
        SmallGraphs.Check(Gen.Zip(SmallGraphs.Graphs(maxSwitches: 7), Gen.Choose(0, 1000)), t =>
        {
            var (g, pick) = t;
            var graph = g.Graph;
            if (graph.Links.Count == 0)
            {
                return;
            }

            var cut = graph.Links[pick % graph.Links.Count];
            var excluded = graph.Exclude([cut]);
            var reduced = PathGraph.Create(graph.Links.Where(l => !l.SameEndpoints(cut) && !l.SameEndpoints(cut.Reverse())), graph.Switches);
            foreach (var s in graph.Switches)
            {
                foreach (var d in graph.Switches.Where(d => d != s))
                {
                    foreach (var w in graph.Switches.Where(w => w != s && w != d))
                    {
                        var actual = graph.ShortestPathVia(s, w, d, excluded);
                        Assert.Equal(reduced.ShortestPathVia(s, w, d)?.Cost, actual?.Cost);
                        if (actual is not null)
                        {
                            Assert.DoesNotContain(actual.Links, l => l.SameEndpoints(cut) || l.SameEndpoints(cut.Reverse()));
                            excludedChecked++;
                        }
                    }
                }
            }
        }, 100);
        Assert.True(excludedChecked > 200, $"only {excludedChecked} paths checked");
    }

    /// <summary>The graph's cables: links whose reverse exists with the same weight, self-links dropped.</summary>
    private static PathGraph CableGraph(PathGraph graph) => PathGraph.Create(
        graph.Links.Where(l => l.Source != l.Target && graph.TryGetLink(l.Reverse(), out var r) && r.Weight == l.Weight),
        graph.Switches);
}
