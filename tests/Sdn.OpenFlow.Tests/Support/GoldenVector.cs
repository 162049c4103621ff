using System.Globalization;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>
/// One captured wire message from <c>Golden/&lt;version&gt;/*.hex</c> (see Golden/README.md): <c>#</c> comment lines
/// (<c># name:</c>, <c># source:</c>, <c># ofp-print:</c> and its indented continuation lines, …) then hex bytes.
/// </summary>
public sealed record GoldenVector(string Name, string Source, string OfpPrint, IReadOnlyDictionary<string, string> Keys, byte[] Bytes)
{
    /// <summary>The directory the vectors were copied to (the test output's Golden folder).</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Golden");

    /// <summary>Names (file names without <c>.hex</c>) of every vector of a version folder, sorted.</summary>
    public static IReadOnlyList<string> Names(string version)
    {
        var dir = Path.Combine(Root, version);
        if (!Directory.Exists(dir))
        {
            throw new InvalidOperationException($"Golden vector folder {dir} is missing (is Golden/** copied to the output?).");
        }

        return Directory.GetFiles(dir, "*.hex").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;
    }

    /// <summary>Loads <c>Golden/&lt;version&gt;/&lt;name&gt;.hex</c>.</summary>
    public static GoldenVector Load(string version, string name) => Parse(File.ReadAllLines(Path.Combine(Root, version, name + ".hex")));

    /// <summary>Parses the file format.</summary>
    public static GoldenVector Parse(IEnumerable<string> lines)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var print = new List<string>();
        var bytes = new List<byte>();
        var inPrint = false;
        foreach (var raw in lines)
        {
            if (raw.StartsWith('#'))
            {
                var text = raw[1..];
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                var isKey = colon > 0 && text.StartsWith(' ') && !text.StartsWith("  ", StringComparison.Ordinal);
                if (isKey)
                {
                    var key = text[..colon].Trim();
                    var value = text[(colon + 1)..].Trim();
                    keys[key] = value;
                    inPrint = key == "ofp-print";
                }
                else if (inPrint)
                {
                    print.Add(text.TrimStart());
                }

                continue;
            }

            foreach (var token in raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                bytes.Add(byte.Parse(token, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            }
        }

        return new GoldenVector(
            keys.GetValueOrDefault("name", ""),
            keys.GetValueOrDefault("source", ""),
            string.Join("\n", print),
            keys,
            bytes.ToArray());
    }

    /// <summary>The name, so xunit shows it per theory case.</summary>
    public override string ToString() => Name;
}
