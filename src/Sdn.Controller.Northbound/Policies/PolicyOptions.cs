namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// The <c>Policies</c> configuration section, e.g. <c>"Policies": { "AclTable": true }</c>.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Policies";

    /// <summary>
    /// True (default): OpenFlow 1.3 switches get the two-table pipeline (<see cref="Sdn.Controller.Apps.FlowPipeline"/>):
    /// table 0 holds the ACL (DENY and ALLOW rules, LLDP punt, goto table 1 for the rest), table 1 the forwarding apps'
    /// flows. False: one table, as before the ACL stage existed; DENY rules only, ALLOW is refused with
    /// FAILED_PRECONDITION.
    /// </summary>
    public bool AclTable { get; set; } = true;
}
