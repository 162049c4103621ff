using FsCheck;
using FsCheck.Fluent;
using Sdn.Controller.Topology.Graph;

namespace Sdn.Controller.Topology.Tests.Graph.Support;

/// <summary>A generated graph; prints its links so a failing case can be rebuilt by hand.</summary>
public sealed record SmallGraph(PathGraph Graph)
{
    public override string ToString() =>
        $"{Graph.Switches.Count} switches [{string.Join(", ", Graph.Switches.Select(s => s.Value))}] links [{string.Join(", ", Graph.Links.Select(l => $"{l.Source.Value}:{l.SourcePort}->{l.Target.Value}:{l.TargetPort} w{l.Weight}"))}]";
}

/// <summary>
/// FsCheck generators of small random graphs (1–9 switches) for the brute-force properties: dpids in no particular
/// order, links one-way or both ways (then sometimes with different weights), parallel links on ports 1–3, whole
/// weights 0–4 (so ties and zero-weight links are common), the odd self-link, and isolated switches.
/// </summary>
public static class SmallGraphs
{
    private static readonly Gen<(int A, int PortA, int B, int PortB)> Ends =
        Gen.Zip(Gen.Zip(Gen.Choose(0, 8), Gen.Choose(1, 3)), Gen.Zip(Gen.Choose(0, 8), Gen.Choose(1, 3)))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2));

    private static readonly Gen<(int Forward, int Backward, int Kind)> Weights =
        Gen.Zip(Gen.Zip(Gen.Choose(0, 4), Gen.Choose(0, 4)), Gen.Choose(0, 5)).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));

    public static Gen<SmallGraph> Graphs(int maxSwitches = 9, int maxLinksPerSwitch = 3) =>
        Gen.Choose(1, maxSwitches).SelectMany(n =>
            Gen.Zip(
                Gen.ArrayOf(Gen.Choose(0, 999), n),
                Gen.Choose(0, maxLinksPerSwitch * n).SelectMany(m => Gen.ArrayOf(Gen.Zip(Ends, Weights), m)))
            .Select(t => Build(n, t.Item1, t.Item2)));

    /// <summary>Runs <paramref name="body"/> on <paramref name="count"/> generated values; throws with the counterexample on failure.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> body, int count) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(Arb.From(gen), body));

    private static SmallGraph Build(int n, int[] keys, ((int A, int PortA, int B, int PortB) E, (int Forward, int Backward, int Kind) W)[] specs)
    {
        // dpid = key * 16 + i: distinct, and in an order unrelated to i.
        ulong Dpid(int i) => ((ulong)keys[i] * 16) + (ulong)i + 1;
        var links = new List<GraphLink>();
        foreach (var (e, w) in specs)
        {
            int a = e.A % n, b = e.B % n;
            if (a == b && w.Kind != 0)
            {
                continue; // self-links only now and then
            }

            var link = Net.Link(Dpid(a), (uint)e.PortA, Dpid(b), (uint)e.PortB, w.Forward);
            links.Add(link);
            if (w.Kind >= 2)
            {
                links.Add(link.Reverse() with { Weight = w.Kind == 5 ? w.Backward : w.Forward });
            }
        }

        var distinct = links.DistinctBy(l => (l.Source, l.SourcePort, l.Target, l.TargetPort));
        return new SmallGraph(PathGraph.Create(distinct, Enumerable.Range(0, n).Select(i => Net.D(Dpid(i)))));
    }
}
