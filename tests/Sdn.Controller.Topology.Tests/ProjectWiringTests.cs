namespace Sdn.Controller.Topology.Tests;

public class ProjectWiringTests
{
    [Fact]
    public void Topology_assembly_loads() =>
        Assert.Equal("Sdn.Controller.Topology", typeof(Sdn.Controller.Topology.TopologyAssembly).Assembly.GetName().Name);
}
