using Sdn.Controller.Channel;
using Sdn.Controller.Core.Tests.Support;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Core.Tests;

/// <summary>A real <see cref="SwitchConnection"/> against a scripted switch over in-memory pipes.</summary>
public class SwitchConnectionTests
{
    private static byte[] Header(byte version, byte type, ushort length, uint xid) =>
        [version, type, (byte)(length >> 8), (byte)length, (byte)(xid >> 24), (byte)(xid >> 16), (byte)(xid >> 8), (byte)xid];

    [Fact]
    public async Task Full_handshake_reaches_ready_and_l2learning_installs_the_table_miss()
    {
        await using var peer = new FakeSwitchPeer();

        var hello = await peer.ExpectAsync<Hello>();
        Assert.Equal(0x04, hello.Version);
        Assert.Equal([(byte)0x01, (byte)0x04], hello.OfferedVersions);
        Assert.Equal(HandshakeState.AwaitingHello, peer.Connection.State);

        await peer.SendAsync(Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow13) with { Xid = new Xid(1) });
        var features = await peer.ExpectAsync<FeaturesRequest>();
        await peer.SendAsync(Msg.Features(0x00_00_00_00_00_00_ab_cd, features.Xid));
        var portDesc = await peer.ExpectAsync<PortDescRequest>();
        await peer.SendAsync(new PortDescReply([Msg.Port(1), Msg.Port(2)]) { Xid = portDesc.Xid, Flags = MultipartFlags.More });
        await peer.SendAsync(new PortDescReply([Msg.Port(3)]) { Xid = portDesc.Xid });
        var setConfig = await peer.ExpectAsync<SetConfig>();
        Assert.Equal(0xffff, setConfig.MissSendLength);
        var barrier = await peer.ExpectAsync<BarrierRequest>();
        Assert.Equal(HandshakeState.AwaitingBarrier, peer.Connection.State);
        await peer.SendAsync(new BarrierReply { Xid = barrier.Xid });

        var flow = await peer.ExpectAsync<FlowMod>();
        Assert.Equal(HandshakeState.Ready, peer.Connection.State);
        Assert.Equal(0x1000_0000_0000_0000UL, flow.Cookie);
        Assert.Equal(FlowModCommand.Add, flow.Command);
        Assert.Equal(0, flow.Priority);
        Assert.Equal(Match.Any, flow.Match);
        var apply = Assert.IsType<ApplyActionsInstruction>(Assert.Single(flow.Instructions));
        Assert.Equal(new OutputAction(PortNumber.Controller, 0xffff), Assert.Single(apply.Actions));
        Assert.NotEqual(0u, flow.Xid.Value);

        Assert.Equal(new DatapathId(0xabcd), peer.Connection.Dpid);
        Assert.Equal([1u, 2u, 3u], peer.Connection.Ports.Keys.Select(p => p.Value).Order().ToArray());
        Assert.True(peer.Registry.TryGet(new DatapathId(0xabcd), out var registered));
        Assert.Same(peer.Connection, registered);
        Assert.Equal(1, peer.Recorder.Ups);
        Assert.Equal(0, peer.Recorder.Downs);
    }

    [Fact]
    public async Task Echo_request_is_answered_during_the_handshake_and_after()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.ExpectAsync<Hello>();
        await peer.SendAsync(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(1) });
        var features = await peer.ExpectAsync<FeaturesRequest>();

        await peer.SendAsync(new EchoRequest([0xde, 0xad, 0xbe, 0xef]) { Xid = new Xid(0x1234) });
        var reply = await peer.ExpectAsync<EchoReply>();
        Assert.Equal(new EchoReply([0xde, 0xad, 0xbe, 0xef]) { Xid = new Xid(0x1234) }, reply);
        Assert.Equal(HandshakeState.AwaitingFeatures, peer.Connection.State);

        // The handshake goes on undisturbed.
        await peer.SendAsync(Msg.Features(7, features.Xid));
        var portDesc = await peer.ExpectAsync<PortDescRequest>();
        await peer.SendAsync(new PortDescReply([]) { Xid = portDesc.Xid });
        await peer.ExpectAsync<SetConfig>();
        var barrier = await peer.ExpectAsync<BarrierRequest>();
        await peer.SendAsync(new BarrierReply { Xid = barrier.Xid });
        await peer.ExpectAsync<FlowMod>();

        await peer.SendAsync(new EchoRequest([]) { Xid = new Xid(0xfffffffe) });
        Assert.Equal(new EchoReply([]) { Xid = new Xid(0xfffffffe) }, await peer.ExpectAsync<EchoReply>());
    }

    [Fact]
    public async Task An_oxm_with_a_bad_length_gets_bad_match_bad_len_and_the_connection_goes_on()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();

        var packetIn = new PacketIn(BufferId.NoBuffer, 60, PacketInReason.NoMatch, 0, 0, new Match([OxmField.InPort(new PortNumber(1))]), new byte[60])
        {
            Xid = new Xid(0x5150),
        };
        var bytes = FakeSwitchPeer.Codec.Encode(packetIn);
        // header(8) + buffer_id, total_len, reason, table_id, cookie (16) + match type, length (4): the OXM header's length byte.
        const int oxmLengthByte = 8 + 16 + 4 + 3;
        Assert.Equal(4, bytes[oxmLengthByte]);
        bytes[oxmLengthByte] = 2;
        await peer.SendRawAsync(bytes);

        var error = await peer.ExpectAsync<Error>();
        Assert.Equal(ErrorType.BadMatch, error.Type);
        Assert.Equal((ushort)BadMatchCode.BadLen, error.Code);
        Assert.Equal(new Xid(0x5150), error.Xid);
        Assert.Equal(bytes[..64], error.Data.ToArray());
        Assert.Empty(peer.Recorder.PacketIns);

        await peer.SendAsync(new EchoRequest([1]) { Xid = new Xid(0x5151) });
        Assert.Equal(new Xid(0x5151), (await peer.ExpectAsync<EchoReply>()).Xid);
        Assert.Null(peer.Connection.CloseReason);
    }

    [Theory]
    [InlineData(30, BadRequestCode.BadType)]
    [InlineData(0xc8, BadRequestCode.BadType)]
    [InlineData(4, BadRequestCode.BadExperimenter)]
    public async Task An_unknown_message_type_gets_bad_request(byte type, BadRequestCode code)
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();

        byte[] message = [.. Header(4, type, 16, 0xabcdef), 0, 0, 0x23, 0x20, 1, 2, 3, 4];
        await peer.SendRawAsync(message);

        var error = await peer.ExpectAsync<Error>();
        Assert.Equal(ErrorType.BadRequest, error.Type);
        Assert.Equal((ushort)code, error.Code);
        Assert.Equal(new Xid(0xabcdef), error.Xid);
        Assert.Equal(message, error.Data.ToArray());

        await peer.SendAsync(new EchoRequest([]) { Xid = new Xid(3) });
        Assert.Equal(new Xid(3), (await peer.ExpectAsync<EchoReply>()).Xid);
    }

    [Fact]
    public async Task An_unknown_message_type_during_the_handshake_gets_bad_request_too()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.ExpectAsync<Hello>();
        await peer.SendAsync(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(1) });
        await peer.ExpectAsync<FeaturesRequest>();

        await peer.SendRawAsync(Header(4, 30, 8, 77));
        var error = await peer.ExpectAsync<Error>();
        Assert.Equal((ErrorType.BadRequest, (ushort)BadRequestCode.BadType, new Xid(77)), (error.Type, error.Code, error.Xid));
    }

    [Fact]
    public async Task A_header_with_length_4_gets_bad_len_and_the_connection_closes()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();

        var bad = Header(4, 2, 4, 0x0bad);
        await peer.SendRawAsync(bad);

        var rest = await peer.ExpectClosedAsync();
        var error = Assert.IsType<Error>(Assert.Single(rest));
        Assert.Equal(ErrorType.BadRequest, error.Type);
        Assert.Equal((ushort)BadRequestCode.BadLen, error.Code);
        Assert.Equal(new Xid(0x0bad), error.Xid);
        Assert.Equal(bad, error.Data.ToArray());
        Assert.Contains("malformed framing", peer.Connection.CloseReason, StringComparison.Ordinal);
        Assert.Equal(1, peer.Recorder.Downs);
        Assert.Equal(0, peer.Registry.Count);
    }

    [Fact]
    public async Task A_length_above_the_configured_maximum_closes_the_connection()
    {
        await using var peer = new FakeSwitchPeer(configure: o => o.MaxMessageLength = 1024);
        await peer.ExpectAsync<Hello>();

        await peer.SendRawAsync(Header(4, 0, 1025, 9));
        var error = Assert.IsType<Error>(Assert.Single(await peer.ExpectClosedAsync()));
        Assert.Equal((ErrorType.BadRequest, (ushort)BadRequestCode.BadLen), (error.Type, error.Code));
        Assert.Equal(0, peer.Recorder.Ups);
        Assert.Equal(0, peer.Recorder.Downs);
    }

    [Fact]
    public async Task A_1_1_only_hello_gets_hello_failed_then_close()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.ExpectAsync<Hello>();

        await peer.SendRawAsync(Header(2, 0, 8, 0x10));

        var first = await peer.ReceiveAsync();
        Assert.NotNull(first);
        Assert.Equal(0x02, first.Value.Header.Version); // spoken in the peer's version so a 1.1 switch can read it
        var error = Assert.IsType<Error>(first.Value.Message);
        Assert.Equal(ErrorType.HelloFailed, error.Type);
        Assert.Equal((ushort)HelloFailedCode.Incompatible, error.Code);
        Assert.Equal(new Xid(0x10), error.Xid);
        Assert.Contains("1.1 (0x02)", error.DataAsText, StringComparison.Ordinal);
        Assert.Contains("1.3", error.DataAsText, StringComparison.Ordinal);

        Assert.Empty(await peer.ExpectClosedAsync());
        Assert.Equal(HandshakeState.Failed, peer.Connection.State);
        Assert.Contains("INCOMPATIBLE", peer.Connection.CloseReason, StringComparison.Ordinal);
        Assert.Equal(0, peer.Recorder.Ups);
        Assert.Equal(0, peer.Recorder.Downs);
    }

    [Fact]
    public async Task Switch_closing_the_stream_ends_the_connection_and_apps_see_one_switch_down()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();
        Assert.Equal(1, peer.Registry.Count);

        await peer.CloseAsync();

        Assert.Empty(await peer.ExpectClosedAsync());
        Assert.Equal(1, peer.Recorder.Downs);
        Assert.Equal("switch closed the connection", Assert.Single(peer.Recorder.DownReasons));
        Assert.Equal(0, peer.Registry.Count);

        // Later closes do not signal again, and sends fail quietly.
        peer.Connection.Close("again");
        Assert.False(peer.Connection.Send(new BarrierRequest()));
        Assert.Equal(1, peer.Recorder.Downs);
        await Assert.ThrowsAsync<SwitchDisconnectedException>(() => peer.Connection.BarrierAsync());
    }

    [Fact]
    public async Task A_second_connection_with_the_same_dpid_replaces_the_first_after_its_switch_down()
    {
        await using var first = new FakeSwitchPeer();
        await first.HandshakeAsync(dpid: 0x99);
        await using var second = first.ConnectAnother();

        var flow = Assert.IsType<FlowMod>(await second.HandshakeAsync(dpid: 0x99));
        Assert.Equal(0x1000_0000_0000_0000UL, flow.Cookie);

        Assert.Empty(await first.ExpectClosedAsync());
        Assert.Equal(["up 50000", "down 50000", "up 50001"], first.Recorder.Lifecycle.ToArray());
        Assert.Contains("replaced", first.Connection.CloseReason, StringComparison.Ordinal);
        Assert.True(first.Registry.TryGet(new DatapathId(0x99), out var current));
        Assert.Same(second.Connection, current);
        Assert.Equal(1, first.Registry.Count);

        // The successor still works: L2Learning kept its table (a stale down would have dropped it and muted the switch).
        byte[] frame = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 1, 0x08, 0x06, .. new byte[46]];
        await second.SendAsync(new PacketIn(BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.NoMatch, 0, 0,
            new Match([OxmField.InPort(new PortNumber(1))]), frame));
        Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single((await second.ExpectAsync<PacketOut>()).Actions)).Port);
    }

    [Fact]
    public async Task Closing_before_the_handshake_completes_signals_no_switch_down()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.ExpectAsync<Hello>();
        await peer.CloseAsync();
        Assert.Empty(await peer.ExpectClosedAsync());
        Assert.Equal(0, peer.Recorder.Ups);
        Assert.Equal(0, peer.Recorder.Downs);
    }

    [Fact]
    public async Task Controller_shutdown_closes_the_connection_and_signals_switch_down_once()
    {
        var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();
        await peer.DisposeAsync(); // cancels RunAsync's token

        Assert.True(peer.Run.IsCompletedSuccessfully);
        Assert.Equal(1, peer.Recorder.Downs);
        Assert.Contains("shutting down", peer.Connection.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packet_in_reaches_l2learning_which_floods_it()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();
        byte[] frame = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 1, 0x08, 0x06, .. new byte[46]];
        var packetIn = new PacketIn(BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.NoMatch, 0, 0x1000_0000_0000_0000UL,
            new Match([OxmField.InPort(new PortNumber(2))]), frame) { Xid = new Xid(0) };

        await peer.SendAsync(packetIn);

        var packetOut = await peer.ExpectAsync<PacketOut>();
        Assert.Equal(new PortNumber(2), packetOut.InPort);
        Assert.Equal(frame, packetOut.Data.ToArray());
        Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single(packetOut.Actions)).Port);
        Assert.Single(peer.Recorder.PacketIns);
    }

    [Fact]
    public async Task A_message_queued_by_another_thread_is_written_before_a_later_send_on_the_loop()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();
        static FlowMod Rule(ushort priority) => new(FlowModCommand.Add, new Match([OxmField.InPort(new PortNumber(priority))]), []) { Priority = priority };
        peer.Recorder.PacketInHook = sw =>
        {
            // Another thread sends first (queued: it is not this switch's loop), then the loop itself sends.
            var other = new Thread(() => Assert.True(sw.Send(Rule(1))));
            other.Start();
            other.Join();
            Assert.True(sw.Send(Rule(2)));
        };
        byte[] frame = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x06, .. new byte[46]];
        await peer.SendAsync(new PacketIn(BufferId.NoBuffer, (ushort)frame.Length, PacketInReason.NoMatch, 0, 0,
            new Match([OxmField.InPort(new PortNumber(3))]), frame) { Xid = new Xid(0) });

        var priorities = new List<ushort>();
        while (priorities.Count < 2)
        {
            var next = await peer.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("connection closed");
            if (next.Message is FlowMod { Priority: 1 or 2 } f)
            {
                priorities.Add(f.Priority);
            }
        }

        Assert.Equal([(ushort)1, (ushort)2], priorities);
    }

    [Fact]
    public async Task Request_async_correlates_the_reply_and_merges_multipart_parts()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();

        var request = peer.Connection.RequestAsync(new PortDescRequest());
        var sent = await peer.ExpectAsync<PortDescRequest>();
        await peer.SendAsync(new PortDescReply([Msg.Port(7)]) { Xid = sent.Xid, Flags = MultipartFlags.More });
        await peer.SendAsync(new PortDescReply([Msg.Port(8)]) { Xid = sent.Xid });

        var reply = Assert.IsType<PortDescReply>(await request.WaitAsync(FakeSwitchPeer.Wait));
        Assert.Equal([7u, 8u], reply.Ports.Select(p => p.PortNo.Value).ToArray());
        Assert.Empty(peer.Recorder.Errors);
    }

    [Fact]
    public async Task An_uncorrelated_error_goes_to_the_apps()
    {
        await using var peer = new FakeSwitchPeer();
        await peer.HandshakeAsync();

        await peer.SendAsync(new Error(ErrorType.FlowModFailed, (ushort)FlowModFailedCode.TableFull, [1, 2, 3]) { Xid = new Xid(999) });
        await peer.SendAsync(new EchoRequest([]) { Xid = new Xid(5) });
        await peer.ExpectAsync<EchoReply>(); // the error was handled before the echo

        var error = Assert.Single(peer.Recorder.Errors);
        Assert.Equal(FlowModFailedCode.TableFull, (FlowModFailedCode)error.Code);
    }

    [Fact]
    public async Task Handshake_timeout_closes_the_connection()
    {
        var clock = new ManualTimeProvider();
        await using var peer = new FakeSwitchPeer(clock);
        await peer.ExpectAsync<Hello>();
        await peer.SendAsync(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(1) });
        await peer.ExpectAsync<FeaturesRequest>();

        Assert.Null(await peer.AdvanceUntilReceivedAsync(clock, TimeSpan.FromMilliseconds(500)));

        await peer.Run.WaitAsync(FakeSwitchPeer.Wait);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11));
        Assert.Contains("AwaitingFeatures", peer.Connection.CloseReason, StringComparison.Ordinal);
        Assert.Equal(0, peer.Recorder.Downs);
    }

    [Fact]
    public async Task Idle_switch_is_probed_and_dropped_after_three_unanswered_echoes()
    {
        var clock = new ManualTimeProvider();
        await using var peer = new FakeSwitchPeer(clock, o => o.EchoIntervalSeconds = 5);
        await peer.HandshakeAsync();
        var step = TimeSpan.FromMilliseconds(250);

        // First probe after 5 s idle; answering it keeps the switch alive.
        var probe = Assert.IsType<EchoRequest>(await peer.AdvanceUntilReceivedAsync(clock, step));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        await peer.SendAsync(new EchoReply(probe.Data) { Xid = probe.Xid });

        // Then silence: three probes, then the connection is closed.
        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<EchoRequest>(await peer.AdvanceUntilReceivedAsync(clock, step));
        }

        Assert.Null(await peer.AdvanceUntilReceivedAsync(clock, step));
        await peer.Run.WaitAsync(FakeSwitchPeer.Wait);
        Assert.Contains("echo", peer.Connection.CloseReason, StringComparison.Ordinal);
        Assert.Equal(1, peer.Recorder.Downs);
    }
}
