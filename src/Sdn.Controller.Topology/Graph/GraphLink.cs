using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// One direction of a switch-to-switch link: frames leave <see cref="Source"/> on <see cref="SourcePort"/> and
/// arrive at <see cref="Target"/> on <see cref="TargetPort"/>. A physical cable is two of these, one each way
/// (see <see cref="Reverse"/>); parallel cables between the same two switches differ in their ports.
/// </summary>
/// <param name="Source">The sending switch.</param>
/// <param name="SourcePort">The port the frame leaves <paramref name="Source"/> on.</param>
/// <param name="Target">The receiving switch.</param>
/// <param name="TargetPort">The port the frame arrives on at <paramref name="Target"/>.</param>
/// <param name="Weight">
/// The cost of crossing the link, a finite number at least 0 in any unit the caller chooses (1 = hop count, the
/// default). <see cref="PathGraph.Create"/> and <see cref="NetworkPath"/> throw <see cref="ArgumentException"/> for a
/// negative, NaN or infinite weight.
/// </param>
public readonly record struct GraphLink(
    DatapathId Source,
    PortNumber SourcePort,
    DatapathId Target,
    PortNumber TargetPort,
    double Weight = 1.0)
{
    /// <summary>The other direction of the same cable (ports swapped), with the same weight.</summary>
    public GraphLink Reverse() => new(Target, TargetPort, Source, SourcePort, Weight);

    /// <summary>True when both links name the same ports (the same direction of the same cable), whatever their weights.</summary>
    /// <param name="other">The link to compare with.</param>
    public bool SameEndpoints(GraphLink other) =>
        Source == other.Source && SourcePort == other.SourcePort && Target == other.Target && TargetPort == other.TargetPort;

    /// <summary><c>src:port-&gt;dst:port</c> with the dpids in hex, e.g. <c>0000000000000001:2->0000000000000002:1</c>.</summary>
    public override string ToString() => $"{Source}:{SourcePort}->{Target}:{TargetPort}";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="weight"/> is finite and at least 0.</summary>
    internal static void CheckWeight(double weight, string paramName)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentException($"A link weight must be finite and at least 0, not {weight}.", paramName);
        }
    }
}
