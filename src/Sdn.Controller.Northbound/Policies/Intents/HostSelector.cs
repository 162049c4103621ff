using Sdn.Controller.Topology.Model;
using Sdn.OpenFlow;
using Sdn.Packets;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>One end of a <c>PairSelector</c>: a host by MAC, a host by IPv4 address, or any host (both null).</summary>
/// <param name="Mac">The host's MAC, or null.</param>
/// <param name="Ipv4">An IPv4 address the host was seen using (<see cref="Host.Ipv4"/>), or null.</param>
public sealed record HostSelector(MacAddress? Mac, IPv4Address? Ipv4)
{
    /// <summary>Any host.</summary>
    public static HostSelector Any { get; } = new(null, null);

    /// <summary>True for <see cref="Any"/>.</summary>
    public bool IsAny => Mac is null && Ipv4 is null;

    /// <summary>True when the host with <paramref name="mac"/> is selected; an IPv4 selector needs the host in <paramref name="snapshot"/>.</summary>
    /// <param name="mac">The host's MAC.</param>
    /// <param name="snapshot">The topology (host addresses).</param>
    public bool Selects(MacAddress mac, TopologySnapshot snapshot) => this switch
    {
        { Mac: { } m } => m == mac,
        { Ipv4: { } ip } => snapshot.FindHost(mac) is { } host && host.Ipv4.Contains(ip),
        _ => true,
    };

    /// <summary>The MAC or IPv4 address as given, <c>*</c> for any host.</summary>
    public override string ToString() => Mac?.ToString() ?? Ipv4?.ToString() ?? "*";
}
