using System.Diagnostics;
using Sdn.Controller.Host.Tests.Infrastructure;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.V13;

namespace Sdn.Controller.Host.Tests;

/// <summary>
/// A misbehaving switch (dpid 2) next to a well-behaved one (dpid 1): switch 2 gets OFPT_ERROR where OpenFlow 1.3.5
/// §7.4.4 calls for one and/or is disconnected when its stream cannot be framed; switch 1 keeps working
/// (echo, packet-in → packet-out) and the controller still accepts and completes new connections.
/// Echo keep-alive runs fast (0.5 s, 2 misses) so a silent switch 2 is dropped within bounded time.
/// </summary>
public sealed class BadInputTests
{
    private const uint BadXid = 0x0bad_0001;

    private static readonly string[] FastEcho = ["--Controller:EchoIntervalSeconds=0.5", "--Controller:EchoMissLimit=2"];

    /// <remarks>
    /// The first garbage byte is not the negotiated version, so the controller answers BAD_VERSION and closes at
    /// once, without waiting for the body a random length field promises.
    /// </remarks>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Random_garbage_gets_the_switch_disconnected(bool keepsAnsweringEcho) => RunAsync(async (controller, s2) =>
    {
        var garbage = new byte[4096];
        new Random(20240611).NextBytes(garbage);
        garbage[0] = 0x9e; // not a version anyone speaks
        s2.AnswerEcho = keepsAnsweringEcho;
        await s2.SendRawAsync(garbage);

        Assert.True(await s2.WaitForCloseAsync(TimeSpan.FromSeconds(5)), "garbage did not end the connection; " + s2.Describe());
        var error = Assert.Single(s2.ReceivedOf<Error>());
        Assert.Equal(ErrorType.BadRequest, error.Type);
        Assert.Equal((ushort)BadRequestCode.BadVersion, error.Code);
        Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(s2.Dpid, out _)));
    });

    [Fact]
    public Task Header_length_below_8_gets_BAD_LEN_then_disconnect() => RunAsync(async (controller, s2) =>
    {
        var header = RawFrames.Header(4, (byte)MessageType13.EchoRequest, 4, BadXid);
        await s2.SendRawAsync(header);

        var error = await s2.WaitForAsync<Error>();
        Assert.Equal(ErrorType.BadRequest, error.Type);
        Assert.Equal((ushort)BadRequestCode.BadLen, error.Code);
        Assert.Equal(new Xid(BadXid), error.Xid);
        Assert.Equal(header, error.Data.AsSpan().ToArray());
        Assert.Equal(4, s2.Received.Single(f => f.Message is Error).Header.Version);
        Assert.True(await s2.WaitForCloseAsync(), "unframeable input did not close the connection");
        Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(s2.Dpid, out _)));
    });

    [Fact]
    public Task Header_length_1000_with_20_bytes_then_silence_is_disconnected_by_keep_alive() => RunAsync(async (_, s2) =>
    {
        s2.AnswerEcho = false;
        var partial = new byte[20];
        RawFrames.Header(4, (byte)MessageType13.PacketIn, 1000, BadXid).CopyTo(partial, 0);
        var sent = Stopwatch.GetTimestamp();
        await s2.SendRawAsync(partial);

        Assert.True(await s2.WaitForCloseAsync(TimeSpan.FromSeconds(5)), "a stalled partial message kept the connection open; " + s2.Describe());
        var after = Stopwatch.GetElapsedTime(sent, s2.ClosedAtTimestamp);
        Assert.InRange(after, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Empty(s2.ReceivedOf<Error>());
    });

    [Fact]
    public Task Message_longer_than_the_configured_maximum_gets_BAD_LEN_then_disconnect() => RunAsync(
        async (_, s2) =>
        {
            var message = RawFrames.Message(4, (byte)MessageType13.EchoRequest, BadXid, new byte[2000]);
            await s2.SendRawAsync(message);

            var error = await s2.WaitForAsync<Error>();
            Assert.Equal(ErrorType.BadRequest, error.Type);
            Assert.Equal((ushort)BadRequestCode.BadLen, error.Code);
            Assert.Equal(new Xid(BadXid), error.Xid);
            Assert.Equal(message.AsSpan(0, 64).ToArray(), error.Data.AsSpan().ToArray());
            Assert.True(await s2.WaitForCloseAsync(), "an over-long message did not close the connection");
        },
        ["--Controller:MaxMessageLength=1024"]);

    [Fact]
    public Task Unknown_message_type_gets_BAD_TYPE_and_the_connection_continues() => RunAsync(async (_, s2) =>
    {
        byte[] body = [1, 2, 3, 4, 5, 6, 7, 8];
        var message = RawFrames.Message(4, 200, BadXid, body);
        await s2.SendRawAsync(message);

        var error = await s2.WaitForAsync<Error>();
        Assert.Equal(ErrorType.BadRequest, error.Type);
        Assert.Equal((ushort)BadRequestCode.BadType, error.Code);
        Assert.Equal(new Xid(BadXid), error.Xid);
        Assert.Equal(message, error.Data.AsSpan().ToArray());
        await s2.EchoAsync();
        Assert.False(s2.IsClosed);
    });

    [Fact]
    public Task Wrong_version_after_negotiation_gets_BAD_VERSION_then_disconnect() => RunAsync(async (controller, s2) =>
    {
        // Like Open vSwitch, a version change mid-stream is a broken stream (its length cannot be trusted).
        var message = RawFrames.Message(1, (byte)MessageType13.EchoRequest, BadXid, [9, 9]);
        await s2.SendRawAsync(message);

        var error = await s2.WaitForAsync<Error>();
        Assert.Equal(ErrorType.BadRequest, error.Type);
        Assert.Equal((ushort)BadRequestCode.BadVersion, error.Code);
        Assert.Equal(new Xid(BadXid), error.Xid);
        Assert.Equal(message, error.Data.AsSpan().ToArray());
        Assert.True(await s2.WaitForCloseAsync(TimeSpan.FromSeconds(5)), "a wrong version did not end the connection; " + s2.Describe());
        Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(s2.Dpid, out _)));
    });

    [Theory]
    [InlineData(2)] // shorter than IN_PORT's 4 bytes
    [InlineData(200)] // beyond the match
    public Task Packet_in_with_bad_oxm_length_gets_BAD_MATCH_BAD_LEN_and_no_packet_out(byte oxmLength) => RunAsync(async (_, s2) =>
    {
        var bytes = OpenFlow13Codec.Instance.Encode(Frames.PacketIn(1, Frames.Ethernet(MacAddress.Broadcast, Frames.H1), new Xid(BadXid)));
        // header 8 + buffer_id 4 + total_len 2 + reason 1 + table 1 + cookie 8 = match at 24; OXM header at 28, its length byte at 31.
        Assert.Equal(4, bytes[31]);
        bytes[31] = oxmLength;
        await s2.SendRawAsync(bytes);

        var error = await s2.WaitForAsync<Error>();
        Assert.Equal(ErrorType.BadMatch, error.Type);
        Assert.Equal((ushort)BadMatchCode.BadLen, error.Code);
        Assert.Equal(new Xid(BadXid), error.Xid);
        Assert.Equal(bytes.AsSpan(0, 64).ToArray(), error.Data.AsSpan().ToArray());
        await s2.EchoAsync();
        Assert.Empty(s2.ReceivedOf<PacketOut>());
    });

    [Fact]
    public Task Flow_removed_with_bad_oxm_length_gets_BAD_MATCH_BAD_LEN() => RunAsync(async (_, s2) =>
    {
        var removed = new FlowRemoved(0x1000_0000_0000_0001, 1, FlowRemovedReason.IdleTimeout, 0, new Match([OxmField.InPort(new PortNumber(1))])) { Xid = new Xid(BadXid) };
        var bytes = OpenFlow13Codec.Instance.Encode(removed);
        // header 8 + 40 fixed = match at 48; OXM header at 52, its length byte at 55.
        Assert.Equal(4, bytes[55]);
        bytes[55] = 3;
        await s2.SendRawAsync(bytes);

        var error = await s2.WaitForAsync<Error>();
        Assert.Equal(ErrorType.BadMatch, error.Type);
        Assert.Equal((ushort)BadMatchCode.BadLen, error.Code);
        Assert.Equal(new Xid(BadXid), error.Xid);
        await s2.EchoAsync();
    });

    [Fact]
    public Task Error_with_truncated_body_is_not_answered_and_the_connection_continues() => RunAsync(async (_, s2) =>
    {
        // ofp_error_msg needs type and code (4 bytes); this one has only the type. An error is never answered with
        // an error (two peers could bounce them for ever): the controller logs it and goes on.
        var message = RawFrames.Message(4, (byte)MessageType13.Error, BadXid, [0x00, 0x01]);
        await s2.SendRawAsync(message);

        await s2.EchoAsync(); // answered in order, so any error reply would have arrived before it
        Assert.Empty(s2.ReceivedOf<Error>());
    });

    [Fact]
    public Task Echo_request_flood_is_answered_in_order() => RunAsync(async (_, s2) =>
    {
        const int count = 20_000;
        var flood = new byte[count * 8];
        for (var i = 0; i < count; i++)
        {
            RawFrames.Header(4, (byte)MessageType13.EchoRequest, 8, 0x4000_0000u + (uint)i).CopyTo(flood, i * 8);
        }

        await s2.SendRawAsync(flood);
        var replies = await s2.WaitForCountAsync<EchoReply>(count, r => r.Xid.Value >= 0x4000_0000u, TimeSpan.FromSeconds(15));
        Assert.Equal(Enumerable.Range(0, count).Select(i => 0x4000_0000u + (uint)i), replies.Select(r => r.Xid.Value));
        Assert.False(s2.IsClosed);
    });

    [Fact]
    public Task Echo_flood_from_a_switch_that_does_not_read_blocks_its_writes_and_only_it_is_dropped() => RunAsync(
        async (controller, s2) =>
        {
            s2.PauseReceiving();
            var payload = new byte[8 * 1024 - 8];
            var one = RawFrames.Message(4, (byte)MessageType13.EchoRequest, BadXid, payload);
            var flood = new byte[one.Length * 4096]; // 32 MiB of requests, 32 MiB of replies nobody reads
            for (var i = 0; i < 4096; i++)
            {
                one.CopyTo(flood, i * one.Length);
            }

            // The controller stops reading once it drops the switch, so this write may block or fail: don't wait on it.
            var sending = Task.Run(async () =>
            {
                try
                {
                    await s2.SendRawAsync(flood);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
                {
                }
            });

            Assert.True(await TestController.EventuallyAsync(() => !controller.Registry.TryGet(s2.Dpid, out _), TimeSpan.FromSeconds(10)),
                "a switch that never reads was not dropped");
            s2.ResumeReceiving();
            Assert.True(await s2.WaitForCloseAsync(TimeSpan.FromSeconds(10)), "socket of the dropped switch stayed open");
            await sending.WaitAsync(TimeSpan.FromSeconds(10));
        },
        ["--Controller:WriteStallTimeoutSeconds=1"]);

    /// <summary>Starts the controller, connects switches 1 and 2, lets switch 2 misbehave, then checks the rest still works.</summary>
    private static async Task RunAsync(Func<TestController, EmulatedSwitch, Task> misbehave, string[]? extraArgs = null)
    {
        await using var controller = await TestController.StartAsync([.. FastEcho, .. extraArgs ?? []]);
        var s1 = await controller.ConnectReadyAsync(1);
        var s2 = await controller.ConnectReadyAsync(2);

        await misbehave(controller, s2);

        // Switch 1 is unaffected: echo, and a packet-in still reaches L2Learning and comes back as a PACKET_OUT.
        Assert.False(s1.IsClosed, "switch 1 was disconnected: " + s1.Describe());
        await s1.EchoAsync();
        s1.SkipReceived();
        var frame = Frames.Ethernet(MacAddress.Broadcast, Frames.H1, marker: 0x11);
        await s1.SendAsync(Frames.PacketIn(1, frame, s1.NextXid()));
        var po = await s1.WaitForAsync<PacketOut>();
        Assert.Equal(PortNumber.Flood, Assert.IsType<OutputAction>(Assert.Single(po.Actions)).Port);
        Assert.Equal(frame, po.Data.AsSpan().ToArray());
        Assert.True(controller.Registry.TryGet(s1.Dpid, out _));
        Assert.Empty(s1.ReceivedOf<Error>());

        // The controller still accepts and completes new connections.
        var s3 = await controller.ConnectReadyAsync(3);
        await s3.EchoAsync();
    }
}
