using Sdn.Controller.Host.Transport;

namespace Sdn.Controller.Host.Tests;

/// <summary>The 64 KiB block pool handed to Kestrel's socket transport.</summary>
public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Rent_gives_a_whole_block_and_a_returned_block_is_reused()
    {
        using var pool = new LargeBlockMemoryPool(65536);
        Assert.Equal(65536, pool.MaxBufferSize);
        var first = pool.Rent(100);
        Assert.Equal(65536, first.Memory.Length);
        first.Memory.Span[0] = 0x5a;
        first.Dispose();
        Assert.Equal(1, pool.BlocksRetained);

        var second = pool.Rent();
        Assert.Equal(1, pool.BlocksAllocated);
        Assert.Equal(0, pool.BlocksRetained);
        Assert.Equal(0x5a, second.Memory.Span[0]); // the same memory
        second.Dispose();
    }

    [Fact]
    public void Disposing_a_block_twice_returns_it_once()
    {
        using var pool = new LargeBlockMemoryPool(4096);
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();
        Assert.Equal(1, pool.BlocksRetained);
        _ = pool.Rent();
        _ = pool.Rent();
        Assert.Equal(2, pool.BlocksAllocated);
    }

    [Fact]
    public void Keeps_at_most_MaxRetained_free_blocks()
    {
        using var pool = new LargeBlockMemoryPool(4096, maxRetained: 2);
        var blocks = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToArray();
        foreach (var b in blocks)
        {
            b.Dispose();
        }

        Assert.Equal(2, pool.BlocksRetained);
        Assert.Equal(5, pool.BlocksAllocated);
    }

    [Fact]
    public void Asking_for_more_than_a_block_throws()
    {
        using var pool = new LargeBlockMemoryPool(4096);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(4097));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LargeBlockMemoryPool(1024));
    }

    [Fact]
    public void Blocks_from_many_threads_all_come_back()
    {
        using var pool = new LargeBlockMemoryPool(4096, maxRetained: 1024);
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var a = pool.Rent();
                var b = pool.Rent();
                a.Dispose();
                b.Dispose();
            }
        });

        Assert.Equal(pool.BlocksAllocated, pool.BlocksRetained);
        Assert.InRange(pool.BlocksAllocated, 2, 16);
    }
}
