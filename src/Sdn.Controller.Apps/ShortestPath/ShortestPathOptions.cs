namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// The <c>ShortestPath</c> configuration section. Times in seconds, e.g.
/// <c>"ShortestPath": { "IdleTimeout": 30, "EdgePortGrace": 2 }</c>.
/// </summary>
public sealed class ShortestPathOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "ShortestPath";

    /// <summary>Idle timeout of path flows (s, 0 = none). Default 30 s.</summary>
    public ushort IdleTimeout { get; set; } = 30;

    /// <summary>Priority of path flows (match eth_src + eth_dst). Default 100.</summary>
    public ushort PathPriority { get; set; } = 100;

    /// <summary>Priority of the flood rules (match in_port + multicast eth_dst). Default 50.</summary>
    public ushort FloodPriority { get; set; } = 50;

    /// <summary>
    /// Seconds a live port must go without hearing LLDP before it counts as an edge port that broadcasts are flooded
    /// to (until then it may still turn out to be an inter-switch port, and flooding to it could loop). Default 2 s.
    /// </summary>
    public double EdgePortGrace { get; set; } = 2;

    /// <summary>Seconds between re-evaluations of the flood rules (edge ports passing their grace). Default 0.5 s.</summary>
    public double FloodRefreshInterval { get; set; } = 0.5;

    /// <summary>
    /// Install fast-failover groups (OpenFlow 1.3.5 §5.6.1) so switches move a path to a local detour the moment a
    /// port goes down, before the controller reacts. Default true.
    /// </summary>
    public bool FastFailover { get; set; } = true;

    /// <summary>
    /// On link up, move paths to a now shorter path (make-before-break). Default false: a restored link carries new
    /// paths only, existing ones stay (no churn).
    /// </summary>
    public bool ReoptimizeOnLinkUp { get; set; }

    /// <summary>Checks every setting; returns one message per problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PathPriority <= FloodPriority || FloodPriority == 0)
        {
            errors.Add($"ShortestPath:PathPriority ({PathPriority}) must be above ShortestPath:FloodPriority ({FloodPriority}), which must be above 0 (the table-miss entry).");
        }

        if (!(EdgePortGrace is >= 0 and <= 3600))
        {
            errors.Add($"ShortestPath:EdgePortGrace must be between 0 and 3600 seconds (was {EdgePortGrace}).");
        }

        if (!(FloodRefreshInterval is >= 0.05 and <= 60))
        {
            errors.Add($"ShortestPath:FloodRefreshInterval must be between 0.05 and 60 seconds (was {FloodRefreshInterval}).");
        }

        return errors;
    }
}
