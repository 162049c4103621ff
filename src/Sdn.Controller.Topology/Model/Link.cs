namespace Sdn.Controller.Topology.Model;

/// <summary>
/// A directed inter-switch link discovered by LLDP: frames sent out of <see cref="Source"/> arrive at
/// <see cref="Destination"/>. A working cable is two links, one per direction.
/// </summary>
/// <param name="Source">The port the LLDP probe was sent from (its Chassis ID / Port ID TLVs).</param>
/// <param name="Destination">The port the probe arrived on (the PACKET_IN's switch and in_port).</param>
public readonly record struct Link(SwitchPort Source, SwitchPort Destination) : IComparable<Link>
{
    /// <summary>The same cable in the other direction.</summary>
    public Link Reverse => new(Destination, Source);

    /// <summary>True when either end is <paramref name="port"/>.</summary>
    public bool Touches(SwitchPort port) => Source == port || Destination == port;

    /// <summary>Orders by source, then destination.</summary>
    public int CompareTo(Link other)
    {
        var bySource = Source.CompareTo(other.Source);
        return bySource != 0 ? bySource : Destination.CompareTo(other.Destination);
    }

    /// <summary><c>src -> dst</c>.</summary>
    public override string ToString() => $"{Source} -> {Destination}";
}
