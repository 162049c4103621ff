using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Sdn.OpenFlow;

/// <summary>
/// An immutable array with <em>value</em> equality (element by element), so that message records holding
/// lists or opaque bytes compare by content. <c>default</c> behaves as empty.
/// Build it with a collection expression (<c>[a, b]</c>) or from an array.
/// </summary>
/// <typeparam name="T">Element type; its own equality is used.</typeparam>
[CollectionBuilder(typeof(ValueArray), nameof(ValueArray.Create))]
public readonly struct ValueArray<T> : IEquatable<ValueArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps an immutable array (no copy).</summary>
    public ValueArray(ImmutableArray<T> items) => _items = items;

    /// <summary>The empty array.</summary>
    public static ValueArray<T> Empty => default;

    /// <summary>The underlying items (never default).</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    /// <summary>Number of elements.</summary>
    public int Count => _items.IsDefault ? 0 : _items.Length;

    /// <summary>Element at <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">Index out of range.</exception>
    public T this[int index] => Items[index];

    /// <summary>The elements as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => Items.AsSpan();

    /// <inheritdoc />
    public bool Equals(ValueArray<T> other)
    {
        var a = Items;
        var b = other.Items;
        if (a.Length != b.Length)
        {
            return false;
        }

        var cmp = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!cmp.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in Items)
        {
            h.Add(item);
        }

        return h.ToHashCode();
    }

    /// <summary>Equality by content.</summary>
    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    /// <summary>Inequality by content.</summary>
    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    /// <summary>Wraps a copy of the array.</summary>
    public static implicit operator ValueArray<T>(T[] items) => new(ImmutableArray.Create(items));

    /// <summary>Wraps the immutable array.</summary>
    public static implicit operator ValueArray<T>(ImmutableArray<T> items) => new(items);

    /// <inheritdoc />
    /// <summary>A struct enumerator, so <c>foreach</c> over a value array allocates nothing.</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    /// <summary>Bytes print as hex (<c>0a 0b</c>), other elements as <c>[a, b]</c>.</summary>
    public override string ToString() => Items is ImmutableArray<byte> bytes
        ? Convert.ToHexString(bytes.AsSpan()).ToLowerInvariant()
        : "[" + string.Join(", ", Items) + "]";
}

/// <summary>Factory for <see cref="ValueArray{T}"/> (collection-expression builder).</summary>
public static class ValueArray
{
    /// <summary>Creates a value array holding a copy of <paramref name="items"/>.</summary>
    public static ValueArray<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));

    /// <summary>Wraps the list's items without a second copy (decoders: the list is theirs and is dropped after).</summary>
    internal static ValueArray<T> From<T>(List<T> items) =>
        new(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(items.ToArray()));
}
