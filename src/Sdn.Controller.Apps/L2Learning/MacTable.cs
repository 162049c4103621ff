using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.L2Learning;

/// <summary>
/// Learned MAC → port of one switch. Touched only by that switch's connection loop (one event at a time), so it
/// needs no lock. Bounded: once <see cref="Capacity"/> addresses are known, new ones are not learned (they flood).
/// </summary>
public sealed class MacTable
{
    private readonly Dictionary<MacAddress, PortNumber> _ports = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="capacity">Most addresses kept.</param>
    public MacTable(int capacity = 1 << 20) => Capacity = capacity;

    /// <summary>Most addresses kept.</summary>
    public int Capacity { get; }

    /// <summary>Addresses known.</summary>
    public int Count => _ports.Count;

    /// <summary>Records that <paramref name="mac"/> was seen on <paramref name="port"/> (a move overwrites).</summary>
    /// <returns>False when the table is full and the address is new.</returns>
    public bool Learn(MacAddress mac, PortNumber port)
    {
        if (_ports.Count < Capacity)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_ports, mac, out _) = port; // one lookup, learned or moved
            return true;
        }

        ref var known = ref CollectionsMarshal.GetValueRefOrNullRef(_ports, mac);
        if (Unsafe.IsNullRef(ref known))
        {
            return false;
        }

        known = port;
        return true;
    }

    /// <summary>The port <paramref name="mac"/> was last seen on.</summary>
    public bool TryGetPort(MacAddress mac, out PortNumber port) => _ports.TryGetValue(mac, out port);
}
