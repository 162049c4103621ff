using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Sdn.Controller.Host.Transport;

/// <summary>
/// A thread-safe pool of fixed-size pinned blocks for Kestrel's connection pipes. Kestrel's default pool hands out
/// 4 KiB blocks, so a busy OpenFlow connection reads a few dozen messages per socket read and writes its replies in
/// as many small segments; 64 KiB blocks let one read carry hundreds of PACKET_INs and one flush send hundreds of
/// FLOW_MODs (docs/BENCHMARKS.md). Blocks are allocated on the pinned object heap (the socket needs no pinning
/// handle) and recycled; at most <see cref="MaxRetained"/> free blocks are kept, the rest go to the GC.
/// </summary>
public sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;
    private long _allocated;
    private bool _disposed;

    /// <summary>Creates a pool.</summary>
    /// <param name="blockSize">Bytes per block (at least 4096).</param>
    /// <param name="maxRetained">Most free blocks kept for reuse.</param>
    public LargeBlockMemoryPool(int blockSize, int maxRetained = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 4096);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetained);
        BlockSize = blockSize;
        MaxRetained = maxRetained;
    }

    /// <summary>Bytes per block.</summary>
    public int BlockSize { get; }

    /// <summary>Most free blocks kept for reuse.</summary>
    public int MaxRetained { get; }

    /// <summary>Blocks allocated so far (reuse does not count).</summary>
    public long BlocksAllocated => Interlocked.Read(ref _allocated);

    /// <summary>Free blocks waiting for reuse.</summary>
    public int BlocksRetained => Volatile.Read(ref _freeCount);

    /// <inheritdoc />
    public override int MaxBufferSize => BlockSize;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minBufferSize"/> is larger than a block (a pipe then uses its own array instead).</exception>
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _freeCount);
            block.Rented = true;
            return block;
        }

        Interlocked.Increment(ref _allocated);
        return new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _free.Clear();
        Volatile.Write(ref _freeCount, 0);
    }

    private void Return(Block block)
    {
        if (_disposed || Interlocked.Increment(ref _freeCount) > MaxRetained)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _freeCount);
            }

            return; // dropped: the GC takes it
        }

        _free.Enqueue(block);
    }

    /// <summary>One block; disposing it returns it to the pool (a second dispose is ignored).</summary>
    private sealed class Block(LargeBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented { get; set; } = true;

        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(array, 0, array.Length);

        public void Dispose()
        {
            if (!Rented)
            {
                return;
            }

            Rented = false;
            pool.Return(this);
        }
    }
}
