using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph.Generators;

/// <summary>Collects cables as both of their directed links, for the generators.</summary>
internal sealed class CableList
{
    private readonly List<GraphLink> _links = [];

    /// <summary>Adds a:portA ↔ b:portB, both directions with <paramref name="weight"/>.</summary>
    public void Add(ulong a, uint portA, ulong b, uint portB, double weight = 1.0)
    {
        var link = new GraphLink(new DatapathId(a), new PortNumber(portA), new DatapathId(b), new PortNumber(portB), weight);
        _links.Add(link);
        _links.Add(link.Reverse());
    }

    /// <summary>The graph of the cables added so far, plus <paramref name="switches"/>.</summary>
    public PathGraph ToGraph(IEnumerable<ulong> switches) => PathGraph.Create(_links, switches.Select(s => new DatapathId(s)));
}
