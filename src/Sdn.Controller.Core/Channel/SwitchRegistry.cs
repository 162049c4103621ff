using System.Collections.Concurrent;
using Sdn.Controller.Apps;
using Sdn.OpenFlow;

namespace Sdn.Controller.Channel;

/// <summary>
/// The Ready switches by dpid. Duplicate-dpid policy: a new connection with a dpid already present replaces the
/// old one (the old connection is closed and its apps told it went down first). Thread-safe.
/// </summary>
public sealed class SwitchRegistry
{
    private readonly ConcurrentDictionary<DatapathId, ISwitch> _switches = new();

    /// <summary>Ready switches right now.</summary>
    public IReadOnlyCollection<ISwitch> Switches => _switches.Values.ToArray();

    /// <summary>Number of Ready switches.</summary>
    public int Count => _switches.Count;

    /// <summary>The Ready switch with <paramref name="dpid"/>, if any.</summary>
    public bool TryGet(DatapathId dpid, out ISwitch sw)
    {
        var found = _switches.TryGetValue(dpid, out var s);
        sw = s!;
        return found;
    }

    /// <summary>Adds or replaces; returns the switch that was replaced, if any.</summary>
    internal ISwitch? Register(ISwitch sw)
    {
        ISwitch? previous = null;
        _switches.AddOrUpdate(sw.Dpid, sw, (_, old) =>
        {
            previous = old;
            return sw;
        });
        return ReferenceEquals(previous, sw) ? null : previous;
    }

    /// <summary>Removes <paramref name="sw"/> only if it is still the registered one for its dpid.</summary>
    internal bool TryRemove(ISwitch sw) => _switches.TryRemove(new KeyValuePair<DatapathId, ISwitch>(sw.Dpid, sw));
}
