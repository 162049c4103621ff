using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.Policies;
using Sdn.Controller.Northbound.Services;
using Sdn.Controller.Northbound.V1;
using Sdn.Grpc;

namespace Sdn.Controller.Northbound.Tests;

/// <summary>WatchEvents on a fake stream: batching, one serialization per event, cut-off of a stalled client, cancellation.</summary>
public class EventsGrpcServiceTests
{
    [Fact]
    public async Task Events_reach_every_stream_in_order_as_one_shared_framed_message()
    {
        var bus = new EventBus(NullLogger<EventBus>.Instance);
        var service = new EventsGrpcService(bus);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var streams = Enumerable.Range(0, 3).Select(_ => new FakeStream()).ToList();
        var calls = streams.Select(s => service.WatchEvents(new WatchEventsRequest(), s, Context(cts.Token))).ToList();
        await WaitAsync(() => bus.SubscriberCount == 3);
        for (var i = 0; i < 50; i++)
        {
            bus.Publish(new PolicyEvent(DateTimeOffset.UnixEpoch, $"p{i}", false));
        }

        await WaitAsync(() => streams.All(s => s.Flushed.Count == 50));
        foreach (var s in streams)
        {
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"p{i}"), s.Flushed.Select(f => Event.Parser.ParseFrom(f.Bytes.Span[5..]).PolicyId));
            Assert.True(s.Flushes <= 50);
        }

        // One FramedMessage per event, shared by the streams (the same instance, not equal copies).
        Assert.All(Enumerable.Range(0, 50), i => Assert.Same(streams[0].Flushed[i], streams[2].Flushed[i]));
        await cts.CancelAsync();
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        Assert.Equal(0, bus.SubscriberCount);
    }

    [Fact]
    public async Task Client_that_stops_reading_is_cut_off_with_resource_exhausted_while_publish_goes_on()
    {
        var bus = new EventBus(NullLogger<EventBus>.Instance);
        var service = new EventsGrpcService(bus);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stalled = new FakeStream { Stall = true };
        var call = service.WatchEvents(new WatchEventsRequest(), stalled, Context(cts.Token));
        await WaitAsync(() => bus.SubscriberCount == 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i <= EventsGrpcService.QueueCapacity + 1; i++)
        {
            bus.Publish(new PolicyEvent(DateTimeOffset.UnixEpoch, $"p{i}", false));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "publishing waited for the stalled client");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(0, bus.SubscriberCount);
    }

    private static ServerCallContext Context(CancellationToken token) =>
        new("/sdn.controller.v1.Events/WatchEvents", null, token, new HeaderDictionary(), "test");

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    /// <summary>Records what is buffered and flushed; with <see cref="Stall"/> every flush waits for the token (a
    /// client that stopped reading).</summary>
    private sealed class FakeStream : IServerStreamWriter<Event>
    {
        private readonly List<FramedMessage<Event>> _buffered = [];

        public bool Stall { get; init; }

        public List<FramedMessage<Event>> Flushed { get; } = [];

        public int Flushes { get; private set; }

        public Task WriteAsync(Event message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask BufferAsync(FramedMessage<Event> message, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _buffered.Add(message);
            return ValueTask.CompletedTask;
        }

        public async Task FlushAsync(CancellationToken cancellationToken = default)
        {
            if (Stall)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            lock (Flushed)
            {
                Flushed.AddRange(_buffered);
            }

            _buffered.Clear();
            Flushes++;
        }
    }
}
