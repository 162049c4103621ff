using System.Buffers;
using BenchmarkDotNet.Attributes;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Wire;

namespace Sdn.Benchmarks;

/// <summary>
/// <see cref="OpenFlowReader.TryRead"/> (frame + decode) and <see cref="OfpFramer.TryReadFrame"/> (frame only) over one
/// read's worth of back-to-back PACKET_INs, per message. "Segmented" cuts the same bytes into 4 KiB segments, as a
/// <c>Pipe</c> with its default pool hands them over, so some messages straddle a boundary (copied to a pooled array).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class FramingBenchmarks
{
    /// <summary>Messages in the buffer.</summary>
    public const int Messages = 64;

    private ReadOnlySequence<byte> _contiguous;
    private ReadOnlySequence<byte> _segmented;
    private readonly IOpenFlowCodec _codec = Frames.Codec;

    [GlobalSetup]
    public void Setup()
    {
        var one = Frames.Encode(Frames.PacketIn(Frames.HostA, Frames.HostB, 1, xid: 5));
        var all = new byte[one.Length * Messages];
        for (var i = 0; i < Messages; i++)
        {
            one.CopyTo(all, i * one.Length);
        }

        _contiguous = new ReadOnlySequence<byte>(all);
        _segmented = Segment.Split(all, 4096);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int TryRead_Contiguous() => ReadAll(_contiguous);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int TryRead_Segmented4K() => ReadAll(_segmented);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int TryReadFrame_Contiguous() => FrameAll(_contiguous);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int TryReadFrame_Segmented4K() => FrameAll(_segmented);

    private int ReadAll(ReadOnlySequence<byte> buffer)
    {
        var n = 0;
        while (OpenFlowReader.TryRead(ref buffer, _codec, out _))
        {
            n++;
        }

        return n;
    }

    private static int FrameAll(ReadOnlySequence<byte> buffer)
    {
        var n = 0;
        while (OfpFramer.TryReadFrame(ref buffer, out _, out _))
        {
            n++;
        }

        return n;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Split(byte[] bytes, int size)
        {
            var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
            var last = first;
            for (var offset = size; offset < bytes.Length; offset += size)
            {
                var next = new Segment(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), offset);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
