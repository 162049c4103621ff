using System.Text.Json;

namespace Sdn.Lab.Tests.Topology;

/// <summary>A switch port: dpid (16 lowercase hex digits) and OpenFlow port number.</summary>
public readonly record struct PortRef(string Dpid, long Port)
{
    /// <summary>Reads <c>{"dpid": "...", "port": N}</c>.</summary>
    public static PortRef Of(JsonElement e) => new(e.GetProperty("dpid").GetString()!.ToLowerInvariant(), e.GetProperty("port").GetInt64());

    /// <inheritdoc />
    public override string ToString() => $"{Dpid}:{Port}";
}

/// <summary>A directed switch-to-switch link, as both the Mininet driver and <c>GET /v1/topology</c> write it.</summary>
public readonly record struct DirectedLink(PortRef Src, PortRef Dst)
{
    /// <summary>Reads <c>{"src": {...}, "dst": {...}}</c>.</summary>
    public static DirectedLink Of(JsonElement e) => new(PortRef.Of(e.GetProperty("src")), PortRef.Of(e.GetProperty("dst")));

    /// <summary>Every element of a JSON array of links.</summary>
    public static HashSet<DirectedLink> SetOf(JsonElement array) => array.EnumerateArray().Select(Of).ToHashSet();

    /// <inheritdoc />
    public override string ToString() => $"{Src}->{Dst}";
}
