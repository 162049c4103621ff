using Sdn.Controller.Events;
using static Sdn.Controller.Core.Tests.EventBusTests;

namespace Sdn.Controller.Core.Tests;

/// <summary>Push-mode subscriptions: the bus wakes idle consumers, all of one publication from one work item (one per core for large fan-outs).</summary>
public class EventBusPushTests
{
    [Fact]
    public void Every_subscriber_woken_by_one_publication_runs_on_the_same_work_item_and_drains_in_order()
    {
        var bus = Bus();
        var threads = new int[20];
        var got = Enumerable.Range(0, 20).Select(_ => new List<int>()).ToArray();
        using var done = new CountdownEvent(20);
        var subs = Enumerable.Range(0, 20).Select(i => bus.Subscribe(10, null, s =>
        {
            if (s.Reader.Completion.IsCompleted)
            {
                return; // the Dispose below wakes it to see the end
            }

            threads[i] = Environment.CurrentManagedThreadId;
            do
            {
                while (s.Reader.TryRead(out var e))
                {
                    got[i].Add(((Ping)e).N);
                }
            }
            while (!s.TryIdle());
            done.Signal();
        })).ToList();

        bus.Publish(new Ping(1));
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
        Assert.Single(threads.Distinct());
        Assert.All(got, g => Assert.Equal([1], g));
        subs.ForEach(s => s.Dispose());
    }

    [Fact]
    public void A_large_fan_out_is_woken_once_per_subscriber_from_at_most_one_work_item_per_core()
    {
        var bus = Bus();
        const int count = 64;
        var wakes = new int[count];
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, byte>();
        using var done = new CountdownEvent(count);
        var subs = Enumerable.Range(0, count).Select(i => bus.Subscribe(10, null, s =>
        {
            if (s.Reader.Completion.IsCompleted)
            {
                return;
            }

            Interlocked.Increment(ref wakes[i]);
            threads.TryAdd(Environment.CurrentManagedThreadId, 0);
            while (s.Reader.TryRead(out _))
            {
            }

            Assert.True(s.TryIdle());
            done.Signal();
        })).ToList();

        bus.Publish(new Ping(1));
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
        Assert.All(wakes, w => Assert.Equal(1, w));
        Assert.InRange(threads.Count, 1, Environment.ProcessorCount);
        subs.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Events_arriving_before_TryIdle_keep_the_consumer_draining_without_a_second_wake()
    {
        var bus = Bus();
        var wakes = 0;
        var got = new List<int>();
        using var drained = new ManualResetEventSlim();
        using var sub = bus.Subscribe(10, null, s =>
        {
            if (s.Reader.Completion.IsCompleted)
            {
                return;
            }

            Interlocked.Increment(ref wakes);
            var first = true;
            do
            {
                while (s.Reader.TryRead(out var e))
                {
                    got.Add(((Ping)e).N);
                }

                if (first)
                {
                    bus.Publish(new Ping(2)); // arrives while this wake runs: no new wake, TryIdle says "drain again"
                    first = false;
                }
            }
            while (!s.TryIdle());
            drained.Set();
        });

        bus.Publish(new Ping(1));
        Assert.True(drained.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 2], got);
        Assert.Equal(1, Volatile.Read(ref wakes));
    }

    [Fact]
    public void Overflow_wakes_the_consumer_fires_CutOff_and_removes_it()
    {
        var bus = Bus();
        using var woken = new SemaphoreSlim(0);
        var sub = bus.Subscribe(2, null, _ => woken.Release()); // the consumer never drains: it stays "busy"
        bus.Publish(new Ping(1));
        Assert.True(woken.Wait(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 3; i++)
        {
            bus.Publish(new Ping(i));
        }

        Assert.True(sub.IsCutOff);
        Assert.Equal(0, bus.SubscriberCount);
        Assert.True(sub.CutOff.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
        Assert.False(sub.TryClaim()); // still busy: nothing else may run it
    }

    [Fact]
    public void Dispose_wakes_an_idle_consumer_to_see_the_end_and_TryClaim_takes_an_idle_turn_once()
    {
        var bus = Bus();
        using var woken = new SemaphoreSlim(0);
        var sub = bus.Subscribe(4, null, _ => woken.Release());
        Assert.True(sub.TryClaim());
        Assert.False(sub.TryClaim());
        Assert.True(sub.TryIdle());
        sub.Dispose();
        Assert.True(woken.Wait(TimeSpan.FromSeconds(10)));
        Assert.True(sub.Reader.Completion.IsCompleted);
    }
}
