using System.Collections.Immutable;
using Sdn.OpenFlow;
using Sdn.Packets;

namespace Sdn.Controller.Topology.Model;

/// <summary>
/// An end host learned from packet-ins at an edge port: its MAC, VLAN, addresses (from ARP, IPv4, IPv6 / NDP) and
/// where it attaches.
/// </summary>
/// <param name="Mac">The host's (unicast) MAC address; the host's identity.</param>
/// <param name="VlanId">The 802.1Q VLAN id it was seen with, or null when untagged.</param>
/// <param name="Location">Its attachment point (an edge port).</param>
/// <param name="Ipv4">IPv4 addresses seen as its source (ARP sender or IPv4 source), in the order first seen, at most <see cref="MaxAddresses"/> (the oldest dropped).</param>
/// <param name="Ipv6">IPv6 addresses seen as its source, in the order first seen, at most <see cref="MaxAddresses"/> (the oldest dropped).</param>
/// <param name="FirstSeen">When it was first learned (UTC).</param>
/// <param name="LastSeen">When this record was made: the host learned, moved or a new address seen (UTC). The latest
/// sighting is <c>TopologyService.LastSeen</c>: sightings do not make new snapshots.</param>
public sealed record Host(MacAddress Mac, ushort? VlanId, SwitchPort Location, ImmutableArray<IPv4Address> Ipv4, ImmutableArray<IPv6Address> Ipv6, DateTimeOffset FirstSeen, DateTimeOffset LastSeen)
{
    /// <summary>Most addresses kept per host and address family.</summary>
    public const int MaxAddresses = 8;

    /// <summary>True when the host is known to use <paramref name="address"/> (or it is null).</summary>
    public bool Has(IPv4Address? address) => address is not { } a || Ipv4.Contains(a);

    /// <summary>True when the host is known to use <paramref name="address"/> (or it is null).</summary>
    public bool Has(IPv6Address? address) => address is not { } a || Ipv6.Contains(a);

    /// <summary>Value equality over every field (addresses compared element-wise).</summary>
    public bool Equals(Host? other) =>
        other is not null && Mac == other.Mac && VlanId == other.VlanId && Location == other.Location
        && FirstSeen == other.FirstSeen && LastSeen == other.LastSeen
        && Ipv4.SequenceEqual(other.Ipv4) && Ipv6.SequenceEqual(other.Ipv6);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mac, VlanId, Location, LastSeen);
}
