using Sdn.Controller.Topology.Events;
using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;
using static Sdn.Controller.Topology.Tests.Service.TopologyFixture;

namespace Sdn.Controller.Topology.Tests.Service;

public class TopologyServiceTests
{
    private static readonly MacAddress H1 = new(0x0000_0000_0001UL);

    [Fact]
    public void Switch_up_adds_switch_and_bumps_version()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        var snap = f.Service.Current;
        Assert.Equal(1, snap.Version);
        Assert.Equal([new PortNumber(1), new PortNumber(2)], snap.Switches[new DatapathId(1)].LivePorts);
        var up = Assert.Single(f.Of<SwitchUp>());
        Assert.Equal(1, up.Version);
        Assert.Equal(f.Time.GetUtcNow(), up.Timestamp);
    }

    [Fact]
    public void Link_is_added_once_and_both_ends_become_inter_switch_ports()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        f.Cable(1, 2, 2, 1);
        var versionAfter = f.Service.Current.Version;
        Assert.True(f.Service.LinkObserved(L(1, 2, 2, 1))); // refresh: no new snapshot
        Assert.Equal(versionAfter, f.Service.Current.Version);
        var snap = f.Service.Current;
        Assert.Equal([L(1, 2, 2, 1), L(2, 1, 1, 2)], snap.Links);
        Assert.Equal(2, f.Of<LinkUp>().Count);
        Assert.True(snap.IsInterSwitchPort(At(1, 2)));
        Assert.Equal([new PortNumber(1)], snap.EdgePorts(new DatapathId(1)));
        Assert.Equal([new PortNumber(2)], snap.EdgePorts(new DatapathId(2)));
        Assert.Equal(2, snap.BidirectionalLinks.Count());
    }

    [Theory]
    [InlineData(9, 1, 2, 1)]  // unknown source switch
    [InlineData(1, 7, 2, 1)]  // unknown source port
    [InlineData(1, 2, 2, 9)]  // unknown destination port
    [InlineData(1, 1, 1, 2)]  // looped back onto the same switch
    public void Link_with_unknown_or_looped_ends_is_refused(ulong a, uint pa, ulong b, uint pb)
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        var before = f.Service.Current;
        Assert.False(f.Service.LinkObserved(L(a, pa, b, pb)));
        Assert.Same(before, f.Service.Current);
        Assert.Empty(f.Of<LinkUp>());
    }

    [Fact]
    public void Port_down_removes_links_in_both_directions_at_once()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        f.Cable(1, 2, 2, 1);
        f.Service.PortChanged(new DatapathId(2), new PortStatus(PortStatusReason.Modify, Port(1, up: false)));
        Assert.Empty(f.Service.Current.Links);
        Assert.Equal(2, f.Of<LinkDown>().Count);
        Assert.All(f.Of<LinkDown>(), d => Assert.Equal("link down", d.Reason));
        Assert.Equal(At(2, 1), Assert.Single(f.Of<PortDown>()).Port);

        f.Service.PortChanged(new DatapathId(2), new PortStatus(PortStatusReason.Modify, Port(1)));
        Assert.Equal(At(2, 1), Assert.Single(f.Of<PortUp>()).Port);
        Assert.Empty(f.Service.Current.Links); // a link comes back only through LLDP
    }

    [Fact]
    public void Port_deleted_removes_port_links_and_hosts()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        Assert.True(f.Service.HostObserved(H1, null, At(1, 1)));
        f.Service.PortChanged(new DatapathId(1), new PortStatus(PortStatusReason.Delete, Port(1)));
        Assert.False(f.Service.Current.Switches[new DatapathId(1)].Ports.ContainsKey(new PortNumber(1)));
        Assert.Empty(f.Service.Current.Hosts);
        Assert.Equal("deleted", Assert.Single(f.Of<HostRemoved>()).Reason);
    }

    [Fact]
    public void Switch_down_removes_its_links_and_hosts_then_raises_switch_down_last()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        f.Cable(1, 2, 2, 1);
        Assert.True(f.Service.HostObserved(H1, null, At(2, 2)));
        f.Events.Clear();
        f.Service.SwitchDisconnected(new DatapathId(2), "closed");
        var snap = f.Service.Current;
        Assert.Empty(snap.Links);
        Assert.Empty(snap.Hosts);
        Assert.False(snap.Switches.ContainsKey(new DatapathId(2)));
        Assert.IsType<SwitchDown>(f.Events[^1]);
        Assert.Equal(2, f.Of<LinkDown>().Count);
        Assert.Single(f.Of<HostRemoved>());
        Assert.All(f.Events.Cast<TopologyEvent>(), e => Assert.Equal(snap.Version, e.Version));
    }

    [Fact]
    public void A_link_that_went_down_stays_down_for_the_hold_down()
    {
        var f = new TopologyFixture(new TopologyOptions { LinkHoldDown = 2 });
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        f.Cable(1, 2, 2, 1);
        f.Service.PortChanged(new DatapathId(2), new PortStatus(PortStatusReason.Modify, Port(1, up: false)));
        f.Service.PortChanged(new DatapathId(2), new PortStatus(PortStatusReason.Modify, Port(1)));
        f.Time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(f.Service.LinkObserved(L(1, 2, 2, 1))); // flapping: damped
        Assert.Empty(f.Service.Current.Links);
        f.Time.Advance(TimeSpan.FromSeconds(0.5));
        f.Service.Expire();
        Assert.True(f.Service.LinkObserved(L(1, 2, 2, 1)));
        Assert.Single(f.Service.Current.Links);
        Assert.Equal(3, f.Of<LinkUp>().Count);
    }

    [Fact]
    public void Links_age_out_after_the_link_timeout_unless_refreshed()
    {
        var f = new TopologyFixture(new TopologyOptions { ProbeInterval = 1 }); // timeout 3.5 s
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        f.Cable(1, 2, 2, 1);
        f.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(f.Service.LinkObserved(L(1, 2, 2, 1))); // only one direction refreshed
        f.Time.Advance(TimeSpan.FromSeconds(1));
        f.Service.Expire();
        var down = Assert.Single(f.Of<LinkDown>());
        Assert.Equal(L(2, 1, 1, 2), down.Link);
        Assert.Equal("timeout", down.Reason);
        Assert.Equal([L(1, 2, 2, 1)], f.Service.Current.Links);
    }

    [Fact]
    public void Host_is_learned_moved_and_aged()
    {
        var f = new TopologyFixture(new TopologyOptions { HostTimeout = 10 });
        f.Connect(1, 1, 2, 3);
        Assert.True(f.Service.HostObserved(H1, 10, At(1, 1), IPv4Address.Parse("10.0.0.1")));
        var host = f.Service.Current.Hosts[H1];
        Assert.Equal(At(1, 1), host.Location);
        Assert.Equal((ushort)10, host.VlanId);
        Assert.Equal([IPv4Address.Parse("10.0.0.1")], host.Ipv4.ToArray());
        Assert.Single(f.Of<HostAdded>());

        f.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(f.Service.HostObserved(H1, 10, At(1, 3), ipv6: IPv6Address.Parse("fe80::1")));
        var moved = Assert.Single(f.Of<HostMoved>());
        Assert.Equal(At(1, 1), moved.OldLocation);
        Assert.Equal(At(1, 3), moved.Host.Location);
        Assert.Equal([IPv6Address.Parse("fe80::1")], moved.Host.Ipv6.ToArray());
        Assert.Single(moved.Host.Ipv4);
        Assert.Equal(host.FirstSeen, moved.Host.FirstSeen);

        f.Time.Advance(TimeSpan.FromSeconds(11));
        f.Service.Expire();
        Assert.Equal("timeout", Assert.Single(f.Of<HostRemoved>()).Reason);
        Assert.Empty(f.Service.Current.Hosts);
    }

    [Fact]
    public void Each_host_expires_at_its_own_time_though_expire_skips_host_scans_until_one_can_be_due()
    {
        var f = new TopologyFixture(new TopologyOptions { HostTimeout = 10 });
        f.Connect(1, 1, 2, 3);
        var h2 = new MacAddress(0x0200_0000_0022UL);
        var h3 = new MacAddress(0x0200_0000_0033UL);
        Assert.True(f.Service.HostObserved(H1, null, At(1, 1)));              // t = 0
        f.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(f.Service.HostObserved(h2, null, At(1, 2)));              // t = 4
        string[] Removed() => [.. f.Of<HostRemoved>().Select(r => r.Host.Mac.ToString())];

        f.Time.Advance(TimeSpan.FromSeconds(1));
        f.Service.Expire();                                                   // t = 5: nothing due
        f.Time.Advance(TimeSpan.FromSeconds(5.5));
        f.Service.Expire();                                                   // t = 10.5: H1 (seen at 0) is due
        Assert.Equal([H1.ToString()], Removed());
        f.Time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(f.Service.HostObserved(h2, null, At(1, 2)));              // t = 12: h2 seen again (same place)
        f.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(f.Service.HostObserved(h3, null, At(1, 3)));              // t = 15: a new host
        f.Time.Advance(TimeSpan.FromSeconds(6.5));
        f.Service.Expire();                                                   // t = 21.5: h2 would have been due at 14
        Assert.Equal([H1.ToString()], Removed());
        f.Time.Advance(TimeSpan.FromSeconds(1));
        f.Service.Expire();                                                   // t = 22.5: h2 (seen at 12) is due
        Assert.Equal([H1.ToString(), h2.ToString()], Removed());
        f.Time.Advance(TimeSpan.FromSeconds(2));
        f.Service.Expire();                                                   // t = 24.5: H3 not yet
        Assert.Single(f.Service.Current.Hosts);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        f.Service.Expire();                                                   // t = 25.5: H3 (seen at 15) is due
        Assert.Equal([H1.ToString(), h2.ToString(), h3.ToString()], Removed());
        Assert.Empty(f.Service.Current.Hosts);
    }

    [Fact]
    public async Task On_the_system_clock_the_known_host_check_uses_a_cached_clock_that_still_advances()
    {
        var f = new TopologyFixture(clock: TimeProvider.System);
        f.Connect(1, 1, 2);
        Assert.True(f.Service.HostObserved(H1, null, At(1, 1)));
        for (var i = 0; i < 1000; i++)
        {
            Assert.False(f.Service.WorthParsing(H1, At(1, 1))); // just seen here (the clock read at most once per tick)
        }

        Assert.True(f.Service.WorthParsing(H1, At(1, 2))); // a move is worth parsing at once
        await Task.Delay(TimeSpan.FromSeconds(1.1));       // past the 1 s refresh: the cached clock moved on
        Assert.True(f.Service.WorthParsing(H1, At(1, 1)));
    }

    [Fact]
    public void Hosts_are_not_learned_at_inter_switch_ports_and_are_dropped_when_a_link_appears_there()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        Assert.True(f.Service.HostObserved(H1, null, At(1, 2))); // before LLDP found the link
        f.Cable(1, 2, 2, 1);
        Assert.Empty(f.Service.Current.Hosts);
        Assert.Equal("port became inter-switch", Assert.Single(f.Of<HostRemoved>()).Reason);
        Assert.False(f.Service.HostObserved(H1, null, At(1, 2)));
        Assert.False(f.Service.HostObserved(MacAddress.Broadcast, null, At(1, 1)));
        Assert.False(f.Service.HostObserved(H1, null, At(9, 1)));
    }

    [Fact]
    public void Repeated_sightings_do_not_create_snapshots()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1);
        Assert.True(f.Service.HostObserved(H1, null, At(1, 1)));
        var v = f.Service.Current.Version;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(f.Service.HostObserved(H1, null, At(1, 1)));
        }

        Assert.Equal(v, f.Service.Current.Version);
        f.Time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(f.Service.WorthParsing(H1, At(1, 1))); // due for a refresh
        Assert.True(f.Service.HostObserved(H1, null, At(1, 1)));
        Assert.Equal(v, f.Service.Current.Version); // a sighting is not a change
        Assert.Equal(f.Time.GetUtcNow(), f.Service.LastSeen(H1));
        Assert.False(f.Service.WorthParsing(H1, At(1, 1))); // fresh again
    }

    [Fact]
    public void New_hosts_beyond_max_hosts_are_not_learned_and_known_ones_stay_fresh()
    {
        var f = new TopologyFixture(new TopologyOptions { MaxHosts = 2 });
        f.Connect(1, 1, 2, 3);
        Assert.True(f.Service.HostObserved(new MacAddress(1), null, At(1, 1)));
        Assert.True(f.Service.HostObserved(new MacAddress(2), null, At(1, 2)));
        Assert.False(f.Service.HostObserved(new MacAddress(3), null, At(1, 3)));
        Assert.Equal(2, f.Service.Current.Hosts.Count);
        Assert.False(f.Service.WorthParsing(new MacAddress(1), At(1, 1))); // known here, just seen
        Assert.True(f.Service.WorthParsing(new MacAddress(1), At(1, 2)));  // known elsewhere: a move
        Assert.False(f.Service.WorthParsing(new MacAddress(3), At(1, 3))); // unknown and the table is full
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(f.Service.WorthParsing(new MacAddress(1), At(1, 1)));  // due for a full sighting
        f.Service.PortChanged(new DatapathId(1), new PortStatus(PortStatusReason.Delete, Port(1)));
        Assert.True(f.Service.HostObserved(new MacAddress(3), null, At(1, 3))); // room again
    }

    [Fact]
    public void Reconnect_with_same_dpid_replaces_the_switch_and_its_links()
    {
        var f = new TopologyFixture();
        f.Connect(1, 1, 2);
        f.Connect(2, 1, 2);
        f.Cable(1, 2, 2, 1);
        f.Connect(2, 1, 2);
        Assert.Empty(f.Service.Current.Links);
        Assert.Equal("replaced", Assert.Single(f.Of<SwitchDown>()).Reason);
        Assert.Equal(3, f.Of<SwitchUp>().Count);
    }
}
