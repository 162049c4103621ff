using FsCheck.Fluent;
using Sdn.Controller.Topology.Service;
using Sdn.Controller.Topology.Tests.Graph.Support;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Tests.Service;

/// <summary>
/// <see cref="MacIndex{T}"/> against a <see cref="Dictionary{TKey, TValue}"/> model on random operation sequences
/// (addresses drawn from a small pool so that replace, remove and re-add of the same address are common, across
/// table rebuilds), plus readers running beside a writer.
/// </summary>
public class MacIndexTests
{
    [Fact]
    public void Random_operations_agree_with_a_dictionary()
    {
        int removes = 0, rebuilt = 0;
        var op = Gen.Zip(Gen.Choose(0, 9), Gen.Zip(Gen.Choose(0, 199), Gen.Choose(0, 3)), (k, ps) => (Kind: k, Pick: ps.Item1, Space: ps.Item2));
        SmallGraphs.Check(Gen.ListOf(op, 400), ops =>
        {
            var index = new MacIndex<string>();
            var model = new Dictionary<MacAddress, string>();
            foreach (var (kind, pick, space) in ops)
            {
                // Four address shapes: sequential device bits, sequential OUIs, one OUI with random-looking bits, and mixed.
                var mac = new MacAddress(space switch
                {
                    0 => (uint)pick,
                    1 => (ulong)(uint)pick << 24,
                    2 => 0x0000_1B21_0000UL | (((uint)pick * 2654435761u) & 0xffffu),
                    _ => ((ulong)(uint)pick << 40) | (uint)pick,
                });
                if (kind < 6)
                {
                    var value = $"{kind}:{pick}";
                    index.Set(mac, value);
                    model[mac] = value;
                }
                else if (kind < 9)
                {
                    Assert.Equal(model.Remove(mac), index.Remove(mac));
                    removes++;
                }
                else
                {
                    Assert.Equal(model.GetValueOrDefault(mac), index.GetValueOrDefault(mac));
                }

                Assert.Equal(model.Count, index.Count);
            }

            rebuilt += model.Count > 16 ? 1 : 0;
            foreach (var (mac, value) in model)
            {
                Assert.True(index.TryGetValue(mac, out var found));
                Assert.Equal(value, found);
            }
        }, 200);
        Assert.True(removes > 1000, $"only {removes} removes");
        Assert.True(rebuilt > 50, $"only {rebuilt} runs grew past the first table");
    }

    [Fact]
    public void Absent_addresses_are_not_found_and_null_values_are_refused()
    {
        var index = new MacIndex<string>();
        for (ulong i = 0; i < 100_000; i++)
        {
            index.Set(new MacAddress(i), "x");
        }

        Assert.Equal(100_000, index.Count);
        Assert.False(index.TryGetValue(new MacAddress(100_000), out _));
        Assert.False(index.TryGetValue(new MacAddress(1UL << 24), out _));
        Assert.Null(index.GetValueOrDefault(MacAddress.Broadcast));
        Assert.Throws<ArgumentNullException>(() => index.Set(new MacAddress(1), null!));
        index.Clear();
        Assert.Equal(0, index.Count);
        Assert.False(index.TryGetValue(new MacAddress(5), out _));
    }

    [Fact]
    public async Task Readers_beside_a_writer_see_only_values_written_for_their_address()
    {
        var index = new MacIndex<Tuple<ulong>>();
        const int Addresses = 4096;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        long reads = 0, hits = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var rng = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var a = (ulong)rng.Next(Addresses);
                if (index.TryGetValue(new MacAddress(a), out var v))
                {
                    Assert.Equal(a, v.Item1); // never another address's value
                    Interlocked.Increment(ref hits);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        var writes = 0;
        var wrng = new Random(7);
        while (!stop.IsCancellationRequested && (writes < 200_000 || Interlocked.Read(ref reads) < 200_000))
        {
            var a = (ulong)wrng.Next(Addresses);
            if (wrng.Next(3) == 0)
            {
                index.Remove(new MacAddress(a));
            }
            else
            {
                index.Set(new MacAddress(a), Tuple.Create(a));
            }

            writes++;
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(reads >= 200_000 && hits > 1000, $"reads {reads}, hits {hits}, writes {writes} (at most 10 s)");
    }
}
