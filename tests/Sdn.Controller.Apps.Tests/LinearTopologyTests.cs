using Microsoft.Extensions.Logging.Abstractions;
using Sdn.Controller.Apps.Hub;
using Sdn.Controller.Apps.L2Learning;
using Sdn.Controller.Apps.Tests.Support;
using Sdn.OpenFlow;
using static Sdn.Controller.Apps.Tests.Support.Frames;

namespace Sdn.Controller.Apps.Tests;

/// <summary>
/// Mininet's <c>linear,3</c>: h1–s1–s2–s3–h3 with h2 on s2. Host ports are 1; s1:2–s2:2 and s2:3–s3:2 are the links.
/// The apps drive simulated flow tables; packets really travel.
/// </summary>
public class LinearTopologyTests
{
    private static readonly MacAddress H1 = Mac(1), H2 = Mac(2), H3 = Mac(3);

    private readonly SimNetwork _net;
    private readonly SimSwitch[] _switches;

    public LinearTopologyTests() : this(new L2LearningApp(NullLogger<L2LearningApp>.Instance))
    {
    }

    private LinearTopologyTests(IPacketInHandler app)
    {
        _net = new SimNetwork(app);
        var (s1, s2, s3) = (_net.AddSwitch(1), _net.AddSwitch(2), _net.AddSwitch(3));
        _switches = [s1, s2, s3];
        _net.AttachHost("h1", s1, 1);
        _net.AttachHost("h2", s2, 1);
        _net.AttachHost("h3", s3, 1);
        _net.Link(s1, 2, s2, 2);
        _net.Link(s2, 3, s3, 2);
        foreach (var sw in _switches)
        {
            ((ISwitchLifecycleHandler)app).OnSwitchUp(sw);
        }
    }

    private int[] PacketIns => [.. _switches.Select(s => s.PacketIns)];

    [Fact]
    public void L2learning_delivers_and_then_forwards_without_the_controller()
    {
        Assert.All(_switches, s => Assert.Single(s.Flows)); // table-miss only

        // h1 broadcasts (an ARP request): every other host gets one copy, every switch asks the controller once.
        var arp = Ethernet(MacAddress.Broadcast, H1, Arp);
        _net.Send("h1", arp);
        Assert.Equal([arp], _net.Received["h2"]);
        Assert.Equal([arp], _net.Received["h3"]);
        Assert.Empty(_net.Received["h1"]);
        Assert.Equal([1, 1, 1], PacketIns);

        // h3 answers h1 by unicast: only h1 gets it, and each switch now has a flow for h3 → h1.
        var reply = Ethernet(H1, H3, Arp);
        _net.Send("h3", reply);
        Assert.Equal([reply], _net.Received["h1"]);
        Assert.Single(_net.Received["h2"]);
        Assert.Equal([2, 2, 2], PacketIns);

        // h1 → h3, first time: the destination is known everywhere, so flows are installed on the way.
        var ping = Ethernet(H3, H1, Ipv4);
        _net.Send("h1", ping);
        Assert.Equal([arp, ping], _net.Received["h3"]);
        Assert.Equal([3, 3, 3], PacketIns);
        Assert.All(_switches, s => Assert.Equal(3, s.Flows.Count));

        // From now on both directions go through the flow tables alone.
        var ping2 = Ethernet(H3, H1, Ipv4, payloadLength: 100);
        var pong2 = Ethernet(H1, H3, Ipv4, payloadLength: 100);
        _net.Send("h1", ping2);
        _net.Send("h3", pong2);
        Assert.Equal([3, 3, 3], PacketIns);
        Assert.Equal([arp, ping, ping2], _net.Received["h3"]);
        Assert.Equal([reply, pong2], _net.Received["h1"]);
        Assert.Equal([arp], _net.Received["h2"]);
    }

    [Fact]
    public void Hub_floods_everything_through_the_controller()
    {
        var hub = new LinearTopologyTests(new HubApp());
        var ping = Ethernet(H3, H1, Ipv4);

        hub._net.Send("h1", ping);
        hub._net.Send("h1", ping);

        Assert.Equal([ping, ping], hub._net.Received["h2"]);
        Assert.Equal([ping, ping], hub._net.Received["h3"]);
        Assert.Equal([2, 2, 2], hub.PacketIns);
        Assert.All(hub._switches, s => Assert.Single(s.Flows));
    }
}
