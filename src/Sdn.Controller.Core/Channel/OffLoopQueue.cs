using System.Collections.Concurrent;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Channel;

/// <summary>
/// Messages for one switch sent from outside its connection loop (timers, other switches' apps, the northbound
/// API). Bounded: a switch whose queue is full is not keeping up and gets disconnected by its connection.
/// Lock-free; many producers, one consumer (the connection loop).
/// </summary>
internal sealed class OffLoopQueue(int capacity)
{
    private readonly ConcurrentQueue<OfpMessage> _queue = new();
    private int _count;

    /// <summary>Messages waiting.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds a message; false when <c>capacity</c> messages are already waiting.</summary>
    public bool TryEnqueue(OfpMessage message)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _queue.Enqueue(message);
        return true;
    }

    /// <summary>Takes the oldest message.</summary>
    public bool TryDequeue(out OfpMessage message)
    {
        if (_queue.TryDequeue(out message!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }
}
