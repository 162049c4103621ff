namespace Sdn.OpenFlow;

/// <summary>
/// A group table entry id (OpenFlow 1.3.5 §7.3.4.2 <c>ofp_group</c>): 0..<see cref="Max"/> are real groups.
/// </summary>
/// <param name="Value">The raw 32-bit group id.</param>
public readonly record struct GroupId(uint Value)
{
    /// <summary>Last usable group number (0xffffff00).</summary>
    public static readonly GroupId Max = new(0xffffff00);
    /// <summary>All groups, for GROUP_MOD delete and group stats (0xfffffffc).</summary>
    public static readonly GroupId All = new(0xfffffffc);
    /// <summary>Wildcard / no group, e.g. FLOW_MOD <c>out_group</c> (0xffffffff).</summary>
    public static readonly GroupId Any = new(0xffffffff);

    /// <summary>Decimal, or <c>ALL</c>/<c>ANY</c>.</summary>
    public override string ToString() => Value switch
    {
        0xfffffffc => "ALL",
        0xffffffff => "ANY",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
