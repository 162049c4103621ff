using System.Collections.Immutable;
using System.Net;
using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Model;

/// <summary>
/// An end host learned from packet-ins at an edge port: its MAC, VLAN, addresses (from ARP, IPv4, IPv6 / NDP) and
/// where it attaches.
/// </summary>
/// <param name="Mac">The host's (unicast) MAC address; the host's identity.</param>
/// <param name="VlanId">The 802.1Q VLAN id it was seen with, or null when untagged.</param>
/// <param name="Location">Its attachment point (an edge port).</param>
/// <param name="Addresses">IPv4 and IPv6 addresses seen as its source address, ascending by text, at most 8 (newest kept).</param>
/// <param name="FirstSeen">When it was first learned (UTC).</param>
/// <param name="LastSeen">When a packet from it was last seen (UTC).</param>
public sealed record Host(MacAddress Mac, ushort? VlanId, SwitchPort Location, ImmutableArray<IPAddress> Addresses, DateTimeOffset FirstSeen, DateTimeOffset LastSeen)
{
    /// <summary>Most addresses kept per host.</summary>
    public const int MaxAddresses = 8;

    /// <summary>Value equality over every field (addresses compared element-wise).</summary>
    public bool Equals(Host? other) =>
        other is not null && Mac == other.Mac && VlanId == other.VlanId && Location == other.Location
        && FirstSeen == other.FirstSeen && LastSeen == other.LastSeen && Addresses.SequenceEqual(other.Addresses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mac, VlanId, Location, LastSeen);
}
