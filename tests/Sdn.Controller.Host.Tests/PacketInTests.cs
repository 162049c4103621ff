using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Host.Tests;

/// <summary>PACKET_IN → app → FLOW_MOD/PACKET_OUT over TCP, through the real app model (L2Learning, Hub).</summary>
public sealed class PacketInTests
{
    [Fact]
    public async Task L2Learning_floods_unknown_then_installs_a_flow_for_a_learned_destination()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);

        // h1 (port 1) -> broadcast: learned h1, destination unknown: PACKET_OUT FLOOD with the frame.
        var arp = Frames.Ethernet(MacAddress.Broadcast, Frames.H1);
        await sw.SendAsync(Frames.PacketIn(1, arp, sw.NextXid()));
        var flood = await sw.WaitForAsync<PacketOut>();
        Assert.Equal(BufferId.NoBuffer, flood.BufferId);
        Assert.Equal(new PortNumber(1), flood.InPort);
        var floodOut = Assert.IsType<OutputAction>(Assert.Single(flood.Actions));
        Assert.Equal(PortNumber.Flood, floodOut.Port);
        Assert.Equal(arp, flood.Data.AsSpan().ToArray());

        // h2 (port 2) -> h1: h1 is known on port 1: FLOW_MOD priority 1 then PACKET_OUT to port 1.
        var reply = Frames.Ethernet(Frames.H1, Frames.H2, marker: 0x77);
        await sw.SendAsync(Frames.PacketIn(2, reply, sw.NextXid()));
        var flow = await sw.WaitForAsync<FlowMod>();
        Assert.Equal(FlowModCommand.Add, flow.Command);
        Assert.Equal(1, flow.Priority);
        Assert.Equal(0x1000_0000_0000_0000UL, flow.Cookie);
        Assert.Equal(0, flow.IdleTimeout);
        Assert.Equal(0, flow.HardTimeout);
        Assert.Equal(BufferId.NoBuffer, flow.BufferId);
        Assert.Equal(new PortNumber(2), flow.Match.InPort);
        Assert.Equal(Frames.H1, flow.Match.EthDst);
        Assert.Equal(Frames.H2, flow.Match.EthSrc);
        Assert.Equal(3, flow.Match.Fields.Count);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new PortNumber(1), Assert.IsType<OutputAction>(Assert.Single(apply.Actions)).Port);

        var unicast = await sw.WaitForAsync<PacketOut>();
        Assert.Equal(new PortNumber(2), unicast.InPort);
        Assert.Equal(new PortNumber(1), Assert.IsType<OutputAction>(Assert.Single(unicast.Actions)).Port);
        Assert.Equal(reply, unicast.Data.AsSpan().ToArray());

        // The FLOW_MOD comes before its PACKET_OUT on the wire.
        var order = sw.Received.Select(f => f.Message).Where(m => m is FlowMod { Priority: 1 } or PacketOut).ToArray();
        Assert.IsType<PacketOut>(order[0]);
        Assert.IsType<FlowMod>(order[1]);
        Assert.IsType<PacketOut>(order[2]);
    }

    [Fact]
    public async Task L2Learning_keeps_separate_tables_per_switch()
    {
        await using var controller = await TestController.StartAsync();
        var s1 = await controller.ConnectReadyAsync(1);
        var s2 = await controller.ConnectReadyAsync(2);

        await s1.SendAsync(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, Frames.H1)));
        await s1.WaitForAsync<PacketOut>();

        // h1 was learned on s1 only: on s2, h2 -> h1 is still flooded.
        await s2.SendAsync(Frames.PacketIn(2, Frames.Ethernet(Frames.H1, Frames.H2)));
        var out2 = await s2.WaitForAsync<PacketOut>();
        Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single(out2.Actions)).Port);
        Assert.DoesNotContain(s2.ReceivedOf<FlowMod>(), f => f.Priority == 1);
    }

    [Fact]
    public async Task Buffered_packet_in_gets_a_flow_mod_carrying_the_buffer_and_no_packet_out()
    {
        await using var controller = await TestController.StartAsync();
        var sw = await controller.ConnectReadyAsync(1);
        await sw.SendAsync(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, Frames.H1)));
        await sw.WaitForAsync<PacketOut>();

        var frame = Frames.Ethernet(Frames.H1, Frames.H2);
        var buffered = new PacketIn(new BufferId(0x42), (ushort)frame.Length, PacketInReason.NoMatch, 0, ulong.MaxValue,
            new Match([OxmField.InPort(new PortNumber(2))]), frame);
        await sw.SendAsync(buffered);
        var flow = await sw.WaitForAsync<FlowMod>(f => f.Priority == 1);
        Assert.Equal(new BufferId(0x42), flow.BufferId);

        // A later echo round trip proves the controller had its chance to send a PACKET_OUT.
        await sw.EchoAsync();
        Assert.Single(sw.ReceivedOf<PacketOut>());
    }

    [Fact]
    public async Task Hub_floods_every_packet_in()
    {
        await using var controller = await TestController.StartAsync(["--Controller:Apps:0=Hub"]);
        var sw = await controller.ConnectAsync(5);
        var tableMiss = await sw.WaitForAsync<FlowMod>(TestController.IsAppTableMiss);
        Assert.Equal(0x1100_0000_0000_0000UL, tableMiss.Cookie);
        Assert.Equal(1, tableMiss.TableId); // forwarding table, behind the ACL stage

        var frame = Frames.Ethernet(Frames.H2, Frames.H1);
        await sw.SendAsync(Frames.PacketIn(3, frame));
        var po = await sw.WaitForAsync<PacketOut>();
        Assert.Equal(new PortNumber(3), po.InPort);
        Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single(po.Actions)).Port);
        Assert.Equal(frame, po.Data.AsSpan().ToArray());
    }
}
