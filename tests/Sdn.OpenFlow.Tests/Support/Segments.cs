using System.Buffers;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a pipe hands them over.</summary>
public static class Segments
{
    /// <summary>A sequence of the given pieces, one segment each (empty pieces included).</summary>
    public static ReadOnlySequence<byte> Of(params byte[][] pieces)
    {
        if (pieces.Length == 1)
        {
            return new ReadOnlySequence<byte>(pieces[0]);
        }

        var first = new Segment(pieces[0], 0);
        var last = first;
        for (var i = 1; i < pieces.Length; i++)
        {
            last = last.Append(pieces[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary><paramref name="bytes"/> cut at the given offsets.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var pieces = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts)
        {
            pieces.Add(bytes[start..cut]);
            start = cut;
        }

        pieces.Add(bytes[start..]);
        return Of([.. pieces]);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
