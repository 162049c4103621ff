using Sdn.Controller.Topology.Graph;
using Sdn.OpenFlow;
using static Sdn.Controller.Topology.Tests.Graph.Support.Net;

namespace Sdn.Controller.Topology.Tests.Graph;

public class NetworkPathTests
{
    private static readonly NetworkPath TwoHops = new(D(1), [Link(1, 3, 2, 4, 2), Link(2, 5, 3, 6, 0.5)]);

    [Fact]
    public void Shape_and_cost()
    {
        Assert.Equal(D(1), TwoHops.Source);
        Assert.Equal(D(3), TwoHops.Destination);
        Assert.Equal(2, TwoHops.HopCount);
        Assert.Equal(2.5, TwoHops.Cost);
        Assert.Equal([D(1), D(2), D(3)], TwoHops.Switches);
        Assert.True(TwoHops.IsSimple());
        Assert.False(new NetworkPath(D(1), [Link(1, 1, 2, 1), Link(2, 1, 1, 1)]).IsSimple());
    }

    [Fact]
    public void Hops_carry_the_flow_entry_ports()
    {
        var hops = TwoHops.ToHops(new PortNumber(10), new PortNumber(20));
        Assert.Equal(
            [
                new Hop(D(1), new PortNumber(10), new PortNumber(3)),
                new Hop(D(2), new PortNumber(4), new PortNumber(5)),
                new Hop(D(3), new PortNumber(6), new PortNumber(20)),
            ],
            hops);
        Assert.Equal([new Hop(D(7), PortNumber.Local, new PortNumber(1))], new NetworkPath(D(7), []).ToHops(PortNumber.Local, new PortNumber(1)));
    }

    [Fact]
    public void Value_equality()
    {
        var same = new NetworkPath(D(1), [Link(1, 3, 2, 4, 2), Link(2, 5, 3, 6, 0.5)]);
        var otherPort = new NetworkPath(D(1), [Link(1, 3, 2, 4, 2), Link(2, 7, 3, 6, 0.5)]);
        var otherWeight = new NetworkPath(D(1), [Link(1, 3, 2, 4, 2), Link(2, 5, 3, 6, 1)]);
        Assert.Equal(TwoHops, same);
        Assert.True(TwoHops == same);
        Assert.Equal(TwoHops.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(TwoHops, otherPort);
        Assert.True(TwoHops != otherWeight);
        Assert.NotEqual(new NetworkPath(D(1), []), new NetworkPath(D(2), []));
        Assert.False(TwoHops.Equals(null));
        Assert.Equal(new NetworkPath(D(5), []), new NetworkPath(D(5), []));
    }

    [Fact]
    public void Links_must_be_contiguous_and_weights_valid()
    {
        Assert.Throws<ArgumentException>(() => new NetworkPath(D(1), [Link(2, 1, 3, 1)]));
        Assert.Throws<ArgumentException>(() => new NetworkPath(D(1), [Link(1, 1, 2, 1), Link(3, 1, 4, 1)]));
        Assert.Throws<ArgumentException>(() => new NetworkPath(D(1), [Link(1, 1, 2, 1, -1)]));
    }

    [Fact]
    public void Text_forms()
    {
        Assert.Equal("0000000000000001:3->0000000000000002:4", Link(1, 3, 2, 4).ToString());
        Assert.Equal("0000000000000001 -[3/4]-> 0000000000000002 -[5/6]-> 0000000000000003 (cost 2.5)", TwoHops.ToString());
    }
}
