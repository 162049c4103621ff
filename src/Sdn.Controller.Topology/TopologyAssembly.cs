namespace Sdn.Controller.Topology;

/// <summary>Marker type for the topology assembly (used by tests and DI scanning).</summary>
public static class TopologyAssembly
{
}
