using System.Runtime.InteropServices;

namespace Sdn.OpenFlow.Wire;

/// <summary>Reads one entry of a wire structure from a reader positioned at it.</summary>
internal delegate T EntryReader<T>(ref SpanReader r);

/// <summary>
/// Arrays of fixed-size entries filling a body (OpenFlow 1.3.5 §7.3.5 multipart replies such as port stats and port
/// descriptions; OpenFlow 1.0 §5.3.5 stats replies).
/// </summary>
internal static class FixedEntries
{
    /// <summary>Reads entries of <paramref name="entryLength"/> bytes until <paramref name="r"/> is exhausted.</summary>
    /// <exception cref="OpenFlowDecodeException">The body is not a whole number of entries (BAD_REQUEST/BAD_LEN).</exception>
    public static ValueArray<T> ReadAll<T>(ref SpanReader r, int entryLength, EntryReader<T> read)
    {
        if (r.Remaining % entryLength != 0)
        {
            throw OpenFlowDecodeException.BadLength($"body of {r.Remaining} bytes is not whole {entryLength}-byte entries");
        }

        var items = new T[r.Remaining / entryLength];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(ref r);
        }

        return new ValueArray<T>(ImmutableCollectionsMarshal.AsImmutableArray(items));
    }
}
