using System.Reflection;
using Sdn.Controller.Channel;
using Sdn.Controller.Core.Tests.Support;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Core.Tests;

public class RequestTrackerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _clock = new();
    private readonly RequestTracker _t;

    public RequestTrackerTests() => _t = new RequestTracker(_clock);

    private static FlowStats Entry(ushort priority) =>
        new(0, 1, 2, priority, 0, 0, FlowModFlags.None, 0x10UL << 56 | priority, 3, 4, Match.Any, []);

    [Fact]
    public void Xids_start_at_one_and_are_unique_and_nonzero()
    {
        var xids = Enumerable.Range(0, 10_000).Select(_ => _t.NextXid().Value).ToArray();
        Assert.Equal(1u, xids[0]);
        Assert.DoesNotContain(0u, xids);
        Assert.Equal(xids.Length, xids.Distinct().Count());
    }

    [Fact]
    public void Xids_are_unique_across_threads()
    {
        var bags = new uint[8][];
        Parallel.For(0, bags.Length, i => bags[i] = Enumerable.Range(0, 5000).Select(_ => _t.NextXid().Value).ToArray());
        var all = bags.SelectMany(b => b).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.DoesNotContain(0u, all);
    }

    [Fact]
    public void Xid_wrap_skips_zero()
    {
        typeof(RequestTracker).GetField("_next", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(_t, uint.MaxValue - 1);
        Assert.Equal(uint.MaxValue, _t.NextXid().Value);
        Assert.Equal(1u, _t.NextXid().Value);
    }

    [Fact]
    public async Task Expect_then_reply_completes_with_the_reply()
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);
        Assert.False(task.IsCompleted);
        Assert.Equal(1, _t.PendingCount);

        var reply = new BarrierReply { Xid = xid };
        Assert.True(_t.TryComplete(reply));

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Same(reply, await task);
        Assert.Equal(0, _t.PendingCount);
        Assert.False(_t.TryComplete(reply)); // consumed once only
    }

    [Fact]
    public void Replies_without_a_pending_request_are_not_consumed()
    {
        Assert.False(_t.TryComplete(new BarrierReply { Xid = new Xid(9) }));
        Assert.False(_t.TryComplete(new EchoReply([]) { Xid = new Xid(9) }));
    }

    [Fact]
    public void The_same_xid_cannot_be_pending_twice()
    {
        var xid = _t.NextXid();
        _t.Expect(xid, Timeout);
        Assert.Throws<InvalidOperationException>(() => { _ = _t.Expect(xid, Timeout); });
    }

    [Fact]
    public async Task Multipart_parts_are_merged_in_arrival_order()
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);

        Assert.True(_t.TryComplete(new FlowStatsReply([Entry(1), Entry(2)]) { Xid = xid, Flags = MultipartFlags.More }));
        Assert.True(_t.TryComplete(new FlowStatsReply([Entry(3)]) { Xid = xid, Flags = MultipartFlags.More }));
        Assert.False(task.IsCompleted);
        Assert.True(_t.TryComplete(new FlowStatsReply([Entry(4), Entry(5)]) { Xid = xid }));

        var merged = Assert.IsType<FlowStatsReply>(await task);
        Assert.Equal([1, 2, 3, 4, 5], merged.Entries.Select(e => (int)e.Priority).ToArray());
        Assert.Equal(Entry(3), merged.Entries[2]);
        Assert.Equal(xid, merged.Xid);
        Assert.Equal(MultipartFlags.None, merged.Flags);
        Assert.Equal(0, _t.PendingCount);
    }

    [Fact]
    public async Task A_single_part_reply_is_returned_as_is()
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);
        var reply = new PortDescReply([Msg.Port(1)]) { Xid = xid };
        Assert.True(_t.TryComplete(reply));
        Assert.Equal(reply, await task);
    }

    [Fact]
    public void An_error_with_a_pending_xid_faults_the_request()
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);
        var error = new Error(ErrorType.BadRequest, (ushort)BadRequestCode.BadMultipart, [1, 2]) { Xid = xid };

        Assert.True(_t.TryComplete(error));

        var ex = Assert.IsType<OpenFlowErrorException>(task.Exception!.InnerException);
        Assert.Same(error, ex.Error);
        Assert.Equal(0, _t.PendingCount);
    }

    [Fact]
    public void An_error_in_the_middle_of_a_multipart_reply_faults_the_request()
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);
        _t.TryComplete(new FlowStatsReply([Entry(1)]) { Xid = xid, Flags = MultipartFlags.More });
        Assert.True(_t.TryComplete(new Error(ErrorType.BadRequest, 0, []) { Xid = xid }));
        Assert.IsType<OpenFlowErrorException>(task.Exception!.InnerException);
    }

    [Fact]
    public void ExpireDue_fails_requests_at_their_deadline()
    {
        var a = _t.Expect(_t.NextXid(), TimeSpan.FromSeconds(5));
        var b = _t.Expect(_t.NextXid(), TimeSpan.FromSeconds(10));

        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _t.ExpireDue());
        Assert.False(a.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _t.ExpireDue());
        Assert.IsType<TimeoutException>(a.Exception!.InnerException);
        Assert.Contains("5 s", a.Exception.InnerException!.Message, StringComparison.Ordinal);
        Assert.False(b.IsCompleted);
        Assert.Equal(1, _t.PendingCount);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _t.ExpireDue());
        Assert.IsType<TimeoutException>(b.Exception!.InnerException);
        Assert.Equal(0, _t.PendingCount);
    }

    [Fact]
    public void A_late_reply_after_expiry_is_not_consumed()
    {
        var xid = _t.NextXid();
        _t.Expect(xid, TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        _t.ExpireDue();
        Assert.False(_t.TryComplete(new BarrierReply { Xid = xid }));
    }

    [Fact]
    public void FailAll_fails_every_pending_request_with_the_given_error()
    {
        var tasks = Enumerable.Range(0, 3).Select(_ => _t.Expect(_t.NextXid(), Timeout)).ToArray();
        var error = new SwitchDisconnectedException("test");

        _t.FailAll(error);

        Assert.All(tasks, t => Assert.Same(error, t.Exception!.InnerException));
        Assert.Equal(0, _t.PendingCount);
    }

    [Fact]
    public void Abandon_forgets_the_request()
    {
        var xid = _t.NextXid();
        _t.Expect(xid, Timeout);
        _t.Abandon(xid);
        Assert.Equal(0, _t.PendingCount);
        Assert.False(_t.TryComplete(new BarrierReply { Xid = xid }));
    }

    public static TheoryData<OfpMessage> NonReplies() =>
    [
        new PacketIn(BufferId.NoBuffer, 0, PacketInReason.NoMatch, 0, 0, Match.Any, []),
        new PortStatus(PortStatusReason.Add, Msg.Port(1)),
        new FlowRemoved(0, 0, FlowRemovedReason.Delete, 0, Match.Any),
        new EchoRequest([]),
        new Hello(4, []),
    ];

    [Theory]
    [MemberData(nameof(NonReplies))]
    public void Non_reply_messages_with_a_pending_xid_are_not_consumed(OfpMessage message)
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);

        Assert.False(_t.TryComplete(message with { Xid = xid }));
        Assert.False(task.IsCompleted);
        Assert.Equal(1, _t.PendingCount);
    }

    [Fact]
    public async Task A_reply_of_a_type_the_codec_does_not_model_completes_its_request()
    {
        var xid = _t.NextXid();
        var task = _t.Expect(xid, Timeout);
        var roleReply = new UnknownMessage(4, 25, new byte[16]) { Xid = xid };

        Assert.True(_t.TryComplete(roleReply));
        Assert.Same(roleReply, await task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(_t.TryComplete(new UnknownMessage(4, 25, new byte[16]) { Xid = _t.NextXid() }));
    }
}
