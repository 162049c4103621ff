using Microsoft.Extensions.Logging.Abstractions;
using Sdn.Controller.Events;

namespace Sdn.Controller.Core.Tests;

public class EventBusTests
{
    internal sealed record Ping(int N) : ControllerEvent(DateTimeOffset.UnixEpoch);

    internal static EventBus Bus() => new(NullLogger<EventBus>.Instance);

    [Fact]
    public async Task Subscriber_gets_events_in_order_and_filter_applies()
    {
        var bus = Bus();
        using var all = bus.Subscribe(10);
        using var even = bus.Subscribe(10, e => ((Ping)e).N % 2 == 0);
        for (var i = 0; i < 4; i++)
        {
            bus.Publish(new Ping(i));
        }

        var got = new List<int>();
        while (all.Reader.TryRead(out var e))
        {
            got.Add(((Ping)e).N);
        }

        Assert.Equal([0, 1, 2, 3], got);
        Assert.Equal(0, ((Ping)await even.Reader.ReadAsync()).N);
        Assert.Equal(2, ((Ping)await even.Reader.ReadAsync()).N);
        Assert.False(even.Reader.TryRead(out _));
        Assert.Equal(4, bus.PublishedCount);
    }

    [Fact]
    public async Task Slow_subscriber_is_cut_off_and_others_keep_receiving()
    {
        var bus = Bus();
        var slow = bus.Subscribe(2);
        using var fast = bus.Subscribe(100);
        for (var i = 0; i < 5; i++)
        {
            bus.Publish(new Ping(i));
        }

        Assert.True(slow.IsCutOff);
        Assert.Equal(1, bus.SubscriberCount);
        Assert.True(slow.Reader.TryRead(out _));
        Assert.True(slow.Reader.TryRead(out _));
        var closed = await Assert.ThrowsAsync<System.Threading.Channels.ChannelClosedException>(async () => await slow.Reader.ReadAsync());
        Assert.Equal(2, Assert.IsType<EventSubscriberOverflowException>(closed.InnerException).Capacity);
        await Assert.ThrowsAsync<EventSubscriberOverflowException>(() => slow.Reader.Completion);
        Assert.Equal(5, fast.Reader.Count);
    }

    [Fact]
    public void Failing_listener_does_not_stop_others_and_dispose_unregisters()
    {
        var bus = Bus();
        var seen = new List<int>();
        using var bad = bus.AddListener(_ => throw new InvalidOperationException("boom"));
        var good = bus.AddListener(e => seen.Add(((Ping)e).N));
        bus.Publish(new Ping(1));
        good.Dispose();
        bus.Publish(new Ping(2));
        Assert.Equal([1], seen);
    }

    [Fact]
    public async Task Disposed_subscription_completes_normally_after_queued_events()
    {
        var bus = Bus();
        var sub = bus.Subscribe(4);
        bus.Publish(new Ping(7));
        sub.Dispose();
        bus.Publish(new Ping(8));
        Assert.Equal(7, ((Ping)await sub.Reader.ReadAsync()).N);
        await sub.Reader.Completion;
        Assert.False(sub.IsCutOff);
        Assert.Equal(0, bus.SubscriberCount);
    }
}
