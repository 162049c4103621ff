using BenchmarkDotNet.Attributes;
using Sdn.Controller.Topology.Graph;
using Sdn.Controller.Topology.Graph.Generators;
using Sdn.OpenFlow;

namespace Sdn.Benchmarks;

/// <summary>
/// Path computation (src/Sdn.Controller.Topology/Graph) on two graphs built once in setup:
/// <list type="bullet">
/// <item><c>FatTree16</c>: <see cref="FatTreeTopology"/> k = 16 — 320 switches, 2048 cables (4096 links), weight 1;
/// queries between edge switch 0 of pod 0 and edge switch 7 of pod 15 (4 links apart, 64 equal-cost paths).</item>
/// <item><c>Random10k</c>: <see cref="RandomTopology"/> with 10,000 switches, average degree 4 (20,000 cables),
/// weights 1–10, seed 1; queries between switches 1 and 10,000.</item>
/// </list>
/// Target (topology issue): ≤ 1 ms per shortest path on the fat tree.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class PathComputationBenchmarks
{
    private PathGraph _graph = null!;
    private GraphLink[] _links = [];
    private DatapathId _source;
    private DatapathId _destination;
    private NetworkPath _primary = null!;
    private ExclusionSet _failedCable = null!;

    [Params("FatTree16", "Random10k")]
    public string Topology { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_graph, _source, _destination) = Topology switch
        {
            "FatTree16" => (FatTreeTopology.Create(16), FatTreeTopology.Edge(0, 0), FatTreeTopology.Edge(15, 7)),
            _ => (RandomTopology.Create(10_000, 4, seed: 1, maxWeight: 10), new DatapathId(1), new DatapathId(10_000)),
        };
        _links = [.. _graph.Links];
        _primary = _graph.ShortestPath(_source, _destination) ?? throw new InvalidOperationException("no path");
        _failedCable = _graph.Exclude([_primary.Links[_primary.HopCount / 2]]);
    }

    /// <summary>Dijkstra, stopping when the destination is settled.</summary>
    [Benchmark(Baseline = true)]
    public NetworkPath? ShortestPath() => _graph.ShortestPath(_source, _destination);

    /// <summary>The same with the primary's middle cable excluded (reroute after a failure).</summary>
    [Benchmark]
    public NetworkPath? ShortestPath_Excluding() => _graph.ShortestPath(_source, _destination, _failedCable);

    /// <summary>Dijkstra to every switch, plus the tree's arrays.</summary>
    [Benchmark]
    public ShortestPathTree? ShortestPathTree() => _graph.ShortestPathTree(_source);

    /// <summary>Yen, k = 4.</summary>
    [Benchmark]
    public IReadOnlyList<NetworkPath> Yen_K4() => _graph.KShortestPaths(_source, _destination, 4);

    /// <summary>Link-disjoint backup of the shortest path.</summary>
    [Benchmark]
    public NetworkPath? BackupPath() => _graph.BackupPath(_primary);

    /// <summary>Kruskal over all cables.</summary>
    [Benchmark]
    public SpanningForest MinimumSpanningForest() => _graph.MinimumSpanningForest();

    /// <summary>Building the graph from its link list (sorting, indexing, reverse links).</summary>
    [Benchmark]
    public PathGraph Build() => PathGraph.Create(_links);
}
