using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// The installed paths, indexed by host pair, by cookie and by the cables (links in either direction) they use, so
/// a link failure finds exactly the paths it breaks. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class PathTable
{
    private readonly Dictionary<HostPair, InstalledPath> _byPair = [];
    private readonly Dictionary<ulong, InstalledPath> _byCookie = [];
    private readonly Dictionary<Link, HashSet<HostPair>> _byCable = [];

    /// <summary>Number of installed paths.</summary>
    public int Count => _byPair.Count;

    /// <summary>Every installed path.</summary>
    public IEnumerable<InstalledPath> All => _byPair.Values;

    /// <summary>The path of <paramref name="pair"/>, if installed.</summary>
    public InstalledPath? Find(HostPair pair) => _byPair.GetValueOrDefault(pair);

    /// <summary>The path whose flows carry <paramref name="cookie"/>, if installed.</summary>
    public InstalledPath? FindByCookie(ulong cookie) => _byCookie.GetValueOrDefault(cookie);

    /// <summary>Adds <paramref name="path"/>, replacing the pair's previous path.</summary>
    /// <returns>The replaced path, or null.</returns>
    public InstalledPath? Add(InstalledPath path)
    {
        var replaced = Remove(path.Pair);
        _byPair[path.Pair] = path;
        _byCookie[path.Cookie] = path;
        foreach (var link in path.Links)
        {
            var cable = Cable(link);
            if (!_byCable.TryGetValue(cable, out var pairs))
            {
                _byCable[cable] = pairs = [];
            }

            pairs.Add(path.Pair);
        }

        return replaced;
    }

    /// <summary>Removes the path of <paramref name="pair"/>.</summary>
    /// <returns>The removed path, or null when none was installed.</returns>
    public InstalledPath? Remove(HostPair pair)
    {
        if (!_byPair.Remove(pair, out var path))
        {
            return null;
        }

        _byCookie.Remove(path.Cookie);
        foreach (var link in path.Links)
        {
            var cable = Cable(link);
            if (_byCable.TryGetValue(cable, out var pairs) && pairs.Remove(pair) && pairs.Count == 0)
            {
                _byCable.Remove(cable);
            }
        }

        return path;
    }

    /// <summary>Paths using <paramref name="link"/> in either direction.</summary>
    public IReadOnlyList<InstalledPath> Through(Link link) =>
        _byCable.TryGetValue(Cable(link), out var pairs) ? [.. pairs.Select(p => _byPair[p])] : [];

    /// <summary>Paths crossing switch <paramref name="dpid"/>.</summary>
    public IReadOnlyList<InstalledPath> Through(DatapathId dpid) => [.. _byPair.Values.Where(p => p.Switches.Contains(dpid))];

    /// <summary>Paths from or to host <paramref name="mac"/>.</summary>
    public IReadOnlyList<InstalledPath> Of(MacAddress mac) => [.. _byPair.Values.Where(p => p.Pair.Source == mac || p.Pair.Destination == mac)];

    /// <summary>The cable key: the lesser of the link and its reverse.</summary>
    private static Link Cable(Link link) => link.CompareTo(link.Reverse) <= 0 ? link : link.Reverse;
}
