namespace Sdn.Packets.Tests.Support;

/// <summary>A captured frame from Golden/*.hex: its bytes and the field values tshark decoded when it was captured.</summary>
public sealed record GoldenVector(string Name, byte[] Frame, IReadOnlyDictionary<string, string> Tshark)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.hex").Select(Path.GetFileNameWithoutExtension).Order().Select(n => n!);

    public static GoldenVector Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name + ".hex"));
        var tshark = new Dictionary<string, string>();
        foreach (var line in lines.Where(l => l.StartsWith("# tshark: ", StringComparison.Ordinal)))
        {
            var kv = line["# tshark: ".Length..].Split('=', 2);
            tshark[kv[0]] = kv[1];
        }

        var frame = Bytes.FromHex(string.Concat(lines.Where(l => !l.StartsWith('#'))));
        var declared = lines.Single(l => l.StartsWith("# length: ", StringComparison.Ordinal));
        Assert.StartsWith($"# length: {frame.Length} bytes", declared, StringComparison.Ordinal);
        return new GoldenVector(name, frame, tshark);
    }

    /// <summary>The tshark value of <paramref name="field"/>, or null when tshark did not report it.</summary>
    public string? Field(string field) => Tshark.TryGetValue(field, out var v) ? v : null;
}
