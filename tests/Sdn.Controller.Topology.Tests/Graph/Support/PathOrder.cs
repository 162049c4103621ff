using Sdn.Controller.Topology.Graph;

namespace Sdn.Controller.Topology.Tests.Graph.Support;

/// <summary>
/// The documented tie-break order, written independently of the library: cost, then number of links, then the links
/// lexicographically by (source dpid, source port, target dpid, target port).
/// </summary>
public sealed class PathOrder : IComparer<NetworkPath>
{
    public static readonly PathOrder Instance = new();

    public int Compare(NetworkPath? x, NetworkPath? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var c = x.Cost.CompareTo(y.Cost);
        if (c != 0)
        {
            return c;
        }

        c = x.HopCount.CompareTo(y.HopCount);
        for (var i = 0; c == 0 && i < x.HopCount; i++)
        {
            GraphLink a = x.Links[i], b = y.Links[i];
            c = (a.Source.Value, a.SourcePort.Value, a.Target.Value, a.TargetPort.Value)
                .CompareTo((b.Source.Value, b.SourcePort.Value, b.Target.Value, b.TargetPort.Value));
        }

        return c;
    }
}
