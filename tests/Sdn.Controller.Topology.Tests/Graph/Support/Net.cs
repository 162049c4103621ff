using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Tests.Graph.Support;

/// <summary>Short builders for hand-written test graphs.</summary>
public static class Net
{
    public static DatapathId D(ulong v) => new(v);

    public static GraphLink Link(ulong a, uint portA, ulong b, uint portB, double weight = 1) =>
        new(D(a), new PortNumber(portA), D(b), new PortNumber(portB), weight);

    /// <summary>Both directions of the cable a:portA ↔ b:portB.</summary>
    public static GraphLink[] Cable(ulong a, uint portA, ulong b, uint portB, double weight = 1) =>
        [Link(a, portA, b, portB, weight), Link(b, portB, a, portA, weight)];

    public static PathGraph Build(params GraphLink[][] cables) => PathGraph.Create(cables.SelectMany(c => c));

    /// <summary>The switches of a path, as raw dpid values, for compact assertions.</summary>
    public static ulong[] Via(NetworkPath? path) => path is null ? [] : [.. path.Switches.Select(s => s.Value)];
}
