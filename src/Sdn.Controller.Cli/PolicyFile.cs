using System.Text.Json;
using Google.Protobuf;
using Sdn.Controller.Northbound.V1;
using YamlDotNet.Serialization;

namespace Sdn.Controller.Cli;

/// <summary>
/// Reads a <see cref="Policy"/> from a JSON file (proto3 JSON mapping: <c>{"id": "h1-h2", "acl": [{"action": "DENY",
/// "priority": 10, "match": {"ethSrc": "00:00:00:00:00:01"}}]}</c>; snake_case names work too) or the same shape in
/// YAML (<c>.yaml</c> / <c>.yml</c>).
/// </summary>
public static class PolicyFile
{
    /// <summary>Parses <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a policy (message says where).</exception>
    public static Policy Read(string path)
    {
        var text = File.ReadAllText(path);
        var json = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? JsonSerializer.Serialize(Plain(new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(text)))
            : text;
        try
        {
            return JsonParser.Default.Parse<Policy>(json);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new FormatException($"{path}: not a policy ({ex.Message})", ex);
        }
    }

    /// <summary>YAML's object graph (object-keyed maps) as JSON-serialisable maps and lists.</summary>
    private static object? Plain(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(kv => Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)!, kv => Plain(kv.Value)),
        IList<object?> list => list.Select(Plain).ToList(),
        _ => node,
    };
}
