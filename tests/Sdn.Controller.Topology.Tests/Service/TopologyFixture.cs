using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Events;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Topology.Tests.Service;

/// <summary>A topology service on a manual clock, with every published event recorded.</summary>
internal sealed class TopologyFixture
{
    public TopologyFixture(TopologyOptions? options = null, TimeProvider? clock = null)
    {
        Bus = new EventBus(NullLogger<EventBus>.Instance);
        Bus.AddListener(Events.Add);
        Service = new TopologyService(Bus, clock ?? Time, Options.Create(options ?? new TopologyOptions()), NullLogger<TopologyService>.Instance);
    }

    public ManualTimeProvider Time { get; } = new();

    public EventBus Bus { get; }

    public TopologyService Service { get; }

    public List<ControllerEvent> Events { get; } = [];

    public static PortDescription Port(uint number, bool up = true) =>
        new(new PortNumber(number), new MacAddress(0x0200_0000_0000UL | number), $"p{number}", 0, up ? PortState.Live : PortState.LinkDown);

    public static SwitchPort At(ulong dpid, uint port) => new(new DatapathId(dpid), new PortNumber(port));

    public static Link L(ulong a, uint pa, ulong b, uint pb) => new(At(a, pa), At(b, pb));

    public void Connect(ulong dpid, params uint[] ports) =>
        Service.SwitchConnected(new DatapathId(dpid), OfpVersion.OpenFlow13, ports.Select(p => Port(p)));

    /// <summary>Both directions of a cable, as two LLDP probes would report them.</summary>
    public void Cable(ulong a, uint pa, ulong b, uint pb)
    {
        Assert.True(Service.LinkObserved(L(a, pa, b, pb)));
        Assert.True(Service.LinkObserved(L(b, pb, a, pa)));
    }

    public List<T> Of<T>() => Events.OfType<T>().ToList();
}
