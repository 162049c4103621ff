using System.Numerics;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Service;

/// <summary>
/// A map from <see cref="MacAddress"/> to a reference, built for the packet-in path: lock-free, allocation-free reads
/// from any number of threads, writes from one thread at a time (the caller serialises them, e.g. under its lock).
/// Chained hashing over flat arrays (bucket heads, keys, next links, values): an entry is written in full before the
/// bucket head or link that publishes it, a removed entry is unlinked but its slot is never reused in the same table,
/// so a reader walking a chain never sees a half-written or recycled entry. When the entry arrays are full the live
/// entries are copied into a new table, which is then published.
/// </summary>
/// <remarks>
/// The bucket is the address's device half (low 24 bits) folded with its OUI (high 24 bits): addresses handed out in
/// sequence (emulators, Mininet, one vendor's NICs) land in neighbouring buckets and share cache lines, and the device
/// bits of real NICs are spread anyway. A multiplicative hash scattered a cbench run's sequential addresses over the
/// whole array (the lookup became 26 % of the controller's CPU samples); open addressing with this locality-keeping
/// hash made misses walk whole runs of neighbours (throughput fell from millions to thousands of packet-ins per
/// second): chaining keeps a miss to one bucket.
/// </remarks>
/// <typeparam name="T">The value type; null values are not stored.</typeparam>
public sealed class MacIndex<T>
    where T : class
{
    private const int MinCapacity = 16;

    private volatile Table _table = new(MinCapacity);

    /// <summary>Entries stored.</summary>
    public int Count => _table.Count;

    /// <summary>
    /// The value stored for <paramref name="mac"/>. Lock-free; safe beside one writer: a value added, removed or
    /// replaced during the call is either seen or not.
    /// </summary>
    public bool TryGetValue(MacAddress mac, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
    {
        var table = _table;
        var key = mac.Value;
        var limit = table.Keys.Length;
        for (int e = Volatile.Read(ref table.Heads[table.Bucket(key)]) - 1, hops = 0; e >= 0 && hops < limit; e = Volatile.Read(ref table.Next[e]) - 1, hops++)
        {
            if (table.Keys[e] == key)
            {
                value = Volatile.Read(ref table.Values[e]);
                return value is not null;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The value stored for <paramref name="mac"/>, or null.</summary>
    public T? GetValueOrDefault(MacAddress mac) => TryGetValue(mac, out var value) ? value : null;

    /// <summary>Stores <paramref name="value"/> for <paramref name="mac"/>, replacing any earlier value. One writer at a time.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Set(MacAddress mac, T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var table = _table;
        var (found, _) = table.Find(mac.Value);
        if (found >= 0)
        {
            Volatile.Write(ref table.Values[found], value);
            return;
        }

        if (table.Used == table.Keys.Length)
        {
            var capacity = (int)Math.Max(MinCapacity, BitOperations.RoundUpToPowerOf2((uint)(table.Count + 1) * 2));
            var bigger = new Table(capacity);
            table.CopyLiveTo(bigger);
            _table = table = bigger;
        }

        table.Append(mac.Value, value);
    }

    /// <summary>Removes <paramref name="mac"/>; false when it was not stored. One writer at a time.</summary>
    public bool Remove(MacAddress mac)
    {
        var table = _table;
        var (found, previous) = table.Find(mac.Value);
        if (found < 0)
        {
            return false;
        }

        var next = table.Next[found];
        if (previous < 0)
        {
            Volatile.Write(ref table.Heads[table.Bucket(mac.Value)], next);
        }
        else
        {
            Volatile.Write(ref table.Next[previous], next);
        }

        Volatile.Write(ref table.Values[found], null);
        table.Count--;
        return true;
    }

    /// <summary>Removes every entry. One writer at a time.</summary>
    public void Clear() => _table = new Table(MinCapacity);

    /// <summary>One generation of the index: as many buckets as entry slots (a power of two).</summary>
    private sealed class Table(int capacity)
    {
        /// <summary>Per bucket, 1 + the index of its first entry; 0 = empty.</summary>
        public readonly int[] Heads = new int[capacity];

        /// <summary>Per entry, 1 + the index of the next entry in its bucket; 0 = end.</summary>
        public readonly int[] Next = new int[capacity];

        public readonly ulong[] Keys = new ulong[capacity];

        public readonly T?[] Values = new T?[capacity];

        /// <summary>Live entries.</summary>
        public int Count;

        /// <summary>Entry slots handed out (live and removed).</summary>
        public int Used;

        public int Bucket(ulong key) => (int)((key ^ (key >> 24)) & (ulong)(Heads.Length - 1));

        /// <summary>The entry holding <paramref name="key"/> and the entry before it in the chain (-1 for the head), or (-1, -1).</summary>
        public (int Entry, int Previous) Find(ulong key)
        {
            var previous = -1;
            for (var e = Heads[Bucket(key)] - 1; e >= 0; previous = e, e = Next[e] - 1)
            {
                if (Keys[e] == key)
                {
                    return (e, previous);
                }
            }

            return (-1, -1);
        }

        /// <summary>Writes a new entry in full, then publishes it as its bucket's head.</summary>
        public void Append(ulong key, T value)
        {
            var e = Used++;
            var bucket = Bucket(key);
            Keys[e] = key;
            Values[e] = value;
            Next[e] = Heads[bucket];
            Volatile.Write(ref Heads[bucket], e + 1);
            Count++;
        }

        public void CopyLiveTo(Table other)
        {
            foreach (var head in Heads)
            {
                for (var e = head - 1; e >= 0; e = Next[e] - 1)
                {
                    if (Values[e] is { } v)
                    {
                        other.Append(Keys[e], v);
                    }
                }
            }
        }
    }
}
