using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Sdn.Controller.Host.Transport;

/// <summary>
/// Hands Kestrel's socket transport <see cref="LargeBlockMemoryPool"/>s (registered as <see cref="IMemoryPoolFactory{T}"/>
/// when <c>Controller:TransportBlockSize</c> is not 0). Kestrel asks once per listener.
/// </summary>
/// <param name="blockSize">Bytes per block.</param>
public sealed class LargeBlockMemoryPoolFactory(int blockSize) : IMemoryPoolFactory<byte>
{
    /// <summary>Bytes per block of the pools this factory creates.</summary>
    public int BlockSize => blockSize;

    /// <summary>Pools created so far.</summary>
    public int PoolsCreated => _created;

    private int _created;

    /// <inheritdoc />
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        Interlocked.Increment(ref _created);
        return new LargeBlockMemoryPool(blockSize);
    }
}
