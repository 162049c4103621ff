using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Hands out group ids per switch (1, 2, … up to <see cref="GroupId.Max"/>, then wrapping past ids still in use) and
/// takes them back. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class GroupIds
{
    private readonly Dictionary<DatapathId, (uint Next, HashSet<uint> Used)> _switches = [];

    /// <summary>A group id not in use on <paramref name="dpid"/>.</summary>
    public GroupId Allocate(DatapathId dpid)
    {
        if (!_switches.TryGetValue(dpid, out var state))
        {
            state = (1, []);
        }

        var id = state.Next;
        while (!state.Used.Add(id))
        {
            id = id >= GroupId.Max.Value ? 1 : id + 1;
        }

        _switches[dpid] = (id >= GroupId.Max.Value ? 1 : id + 1, state.Used);
        return new GroupId(id);
    }

    /// <summary>Returns <paramref name="group"/> on <paramref name="dpid"/> to the pool.</summary>
    public void Release(DatapathId dpid, GroupId group)
    {
        if (_switches.TryGetValue(dpid, out var state))
        {
            state.Used.Remove(group.Value);
        }
    }

    /// <summary>Forgets every id of a switch that reconnected (its group table starts empty).</summary>
    public void Reset(DatapathId dpid) => _switches.Remove(dpid);

    /// <summary>Ids in use on <paramref name="dpid"/>.</summary>
    public int InUse(DatapathId dpid) => _switches.TryGetValue(dpid, out var s) ? s.Used.Count : 0;
}
