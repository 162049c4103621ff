using System.Text.Json;

namespace Sdn.Lab.Tests.Topology;

/// <summary>A Mininet host as the driver describes it: name, MAC, IP and attachment point.</summary>
public sealed record LabHost(string Name, string Mac, string Ip, PortRef Location);

/// <summary>What the topology driver reports right after <c>net.start()</c> (its <c>"started"</c> RESULT line).</summary>
public sealed record LabNetwork(IReadOnlyList<string> SwitchDpids, IReadOnlyList<LabHost> Hosts, IReadOnlySet<DirectedLink> Links)
{
    /// <summary>Reads the driver's <c>"started"</c> result.</summary>
    public static LabNetwork Of(JsonElement started) => new(
        started.GetProperty("switches").EnumerateArray().Select(s => s.GetProperty("dpid").GetString()!.ToLowerInvariant()).ToList(),
        started.GetProperty("hosts").EnumerateArray().Select(h => new LabHost(
            h.GetProperty("name").GetString()!,
            h.GetProperty("mac").GetString()!.ToLowerInvariant(),
            h.GetProperty("ip").GetString()!,
            PortRef.Of(h))).ToList(),
        DirectedLink.SetOf(started.GetProperty("links")));

    /// <summary>The host called <paramref name="name"/>.</summary>
    public LabHost Host(string name) => Hosts.Single(h => h.Name == name);

    /// <summary>Unordered host pairs (what "per host pair" counts).</summary>
    public int HostPairs => Hosts.Count * (Hosts.Count - 1) / 2;
}
