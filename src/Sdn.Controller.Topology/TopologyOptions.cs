namespace Sdn.Controller.Topology;

/// <summary>
/// The <c>Topology</c> configuration section: LLDP link discovery and host tracking. Times are in seconds
/// (fractions allowed), e.g. <c>"Topology": { "ProbeInterval": 1, "LinkTimeout": 3.5 }</c>.
/// </summary>
public sealed class TopologyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Topology";

    /// <summary>Discovery on (default) or off. Off: no LLDP flows or probes, no links or hosts.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between LLDP probe rounds (an LLDP PACKET_OUT on every live port of every switch). Default 1 s (Ryu 0.9 s, ONOS 3 s).</summary>
    public double ProbeInterval { get; set; } = 1.0;

    /// <summary>Seconds without an LLDP probe before a link is removed. Default (null or 0): 3.5 × <see cref="ProbeInterval"/>.</summary>
    public double? LinkTimeout { get; set; }

    /// <summary>
    /// Flap damping: seconds after a link went down during which LLDP cannot bring it back (a flapping cable does not
    /// make paths churn). Default 1 s; 0 turns damping off.
    /// </summary>
    public double LinkHoldDown { get; set; } = 1;

    /// <summary>The hold-down as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan LinkHoldDownSpan => TimeSpan.FromSeconds(LinkHoldDown);

    /// <summary>Seconds without a packet from a host before it is forgotten. Default 300 s.</summary>
    public double HostTimeout { get; set; } = 300;

    /// <summary>Most hosts tracked; further new MACs are not learned (a flood of random source MACs cannot exhaust memory). Default 100,000.</summary>
    public int MaxHosts { get; set; } = 100_000;

    /// <summary>Priority of the LLDP → controller flow installed on every switch. Default 0xffff (above every app's flows).</summary>
    public ushort LldpFlowPriority { get; set; } = 0xffff;

    /// <summary>The probe interval as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ProbeIntervalSpan => TimeSpan.FromSeconds(ProbeInterval);

    /// <summary>The effective link timeout (explicit, or 3.5 × probe interval).</summary>
    public TimeSpan LinkTimeoutSpan => TimeSpan.FromSeconds(LinkTimeout is > 0 ? LinkTimeout.Value : 3.5 * ProbeInterval);

    /// <summary>The host timeout as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan HostTimeoutSpan => TimeSpan.FromSeconds(HostTimeout);

    /// <summary>Checks every setting; returns one message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(ProbeInterval is >= 0.05 and <= 3600))
        {
            errors.Add($"Topology:ProbeInterval must be between 0.05 and 3600 seconds (was {ProbeInterval}).");
        }

        if (LinkTimeout is { } t && t != 0 && !(t > ProbeInterval && t <= 36000))
        {
            errors.Add($"Topology:LinkTimeout must be greater than Topology:ProbeInterval ({ProbeInterval} s) and at most 36000 s (was {t}).");
        }

        if (!(HostTimeout is >= 1 and <= 86400 * 7))
        {
            errors.Add($"Topology:HostTimeout must be between 1 and 604800 seconds (was {HostTimeout}).");
        }

        if (!(LinkHoldDown is >= 0 and <= 3600))
        {
            errors.Add($"Topology:LinkHoldDown must be between 0 and 3600 seconds (was {LinkHoldDown}).");
        }

        if (MaxHosts < 1)
        {
            errors.Add($"Topology:MaxHosts must be at least 1 (was {MaxHosts}).");
        }

        return errors;
    }
}
