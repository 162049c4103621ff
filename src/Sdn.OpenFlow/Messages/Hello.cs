namespace Sdn.OpenFlow.Messages;

/// <summary>
/// OFPT_HELLO (OpenFlow 1.3.5 §7.5.1): the first message each side sends. Its header version is the highest
/// version the sender speaks; a version-bitmap element lists all of them.
/// </summary>
/// <param name="Version">The header version byte the peer put on its HELLO (possibly one we do not speak).</param>
/// <param name="Elements">Hello elements in order (a version bitmap, or elements this library does not know).</param>
public sealed record Hello(byte Version, ValueArray<HelloElement> Elements) : OfpMessage
{
    /// <summary>
    /// The versions the sender offers: the union of its version bitmaps, or, with none, just <see cref="Version"/>
    /// (§7.5.1: without a bitmap the highest common version is negotiated).
    /// </summary>
    public IReadOnlyList<byte> OfferedVersions
    {
        get
        {
            var bitmaps = Elements.OfType<HelloVersionBitmap>().ToArray();
            if (bitmaps.Length == 0)
            {
                return [Version];
            }

            var result = new List<byte>();
            foreach (var bm in bitmaps)
            {
                for (var i = 0; i < bm.Bitmaps.Count; i++)
                {
                    for (var bit = 0; bit < 32; bit++)
                    {
                        if ((bm.Bitmaps[i] & (1u << bit)) != 0 && (i * 32) + bit <= byte.MaxValue)
                        {
                            result.Add((byte)((i * 32) + bit));
                        }
                    }
                }
            }

            return result.Distinct().Order().ToArray();
        }
    }

    /// <summary>A HELLO offering exactly <paramref name="versions"/>: header version = highest, plus a bitmap element.</summary>
    /// <exception cref="ArgumentException">No versions given.</exception>
    public static Hello Offering(params OfpVersion[] versions)
    {
        if (versions.Length == 0)
        {
            throw new ArgumentException("At least one version.", nameof(versions));
        }

        var max = versions.Max(v => (int)v);
        var words = new uint[(max / 32) + 1];
        foreach (var v in versions)
        {
            words[(int)v / 32] |= 1u << ((int)v % 32);
        }

        return new Hello((byte)max, [new HelloVersionBitmap(words)]);
    }
}

/// <summary>An element of a HELLO (OpenFlow 1.3.5 §7.5.1 <c>ofp_hello_elem_header</c>).</summary>
public abstract record HelloElement;

/// <summary>
/// <c>OFPHET_VERSIONBITMAP</c> (type 1): bit <c>n</c> of word <c>n / 32</c> set means version <c>n</c> is supported.
/// </summary>
/// <param name="Bitmaps">The 32-bit bitmap words in wire order.</param>
public sealed record HelloVersionBitmap(ValueArray<uint> Bitmaps) : HelloElement;

/// <summary>A hello element type this library does not interpret, kept as its raw body (bytes after the 4-byte element header, padding excluded).</summary>
/// <param name="Type">The element type.</param>
/// <param name="Body">The element body.</param>
public sealed record UnknownHelloElement(ushort Type, ValueArray<byte> Body) : HelloElement;
