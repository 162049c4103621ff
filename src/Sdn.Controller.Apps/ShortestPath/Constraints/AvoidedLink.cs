using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Cables a path must not use, in both directions: every link between switch <see cref="A"/> and switch
/// <see cref="B"/>, narrowed to port <see cref="PortA"/> at A and / or <see cref="PortB"/> at B when given.
/// </summary>
/// <param name="A">One end's switch.</param>
/// <param name="PortA">The port at <paramref name="A"/>, or null for any port.</param>
/// <param name="B">The other end's switch.</param>
/// <param name="PortB">The port at <paramref name="B"/>, or null for any port.</param>
public readonly record struct AvoidedLink(DatapathId A, PortNumber? PortA, DatapathId B, PortNumber? PortB)
{
    /// <summary>True when <paramref name="link"/> (either direction) is one of the avoided cables.</summary>
    /// <param name="link">A graph link.</param>
    public bool Matches(GraphLink link) =>
        Ends(link.Source, link.SourcePort, link.Target, link.TargetPort) || Ends(link.Target, link.TargetPort, link.Source, link.SourcePort);

    /// <summary><c>dpid:port - dpid:port</c>, <c>*</c> for any port, e.g. <c>0000000000000001:2 - 0000000000000002:*</c>.</summary>
    public override string ToString() => $"{A}:{PortText(PortA)} - {B}:{PortText(PortB)}";

    private bool Ends(DatapathId a, PortNumber pa, DatapathId b, PortNumber pb) =>
        a == A && b == B && (PortA is not { } x || x == pa) && (PortB is not { } y || y == pb);

    private static string PortText(PortNumber? port) => port is { } p ? p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*";
}
