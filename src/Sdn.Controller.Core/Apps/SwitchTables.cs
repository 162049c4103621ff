namespace Sdn.Controller.Apps;

/// <summary>
/// The table layout of one connected switch, as <see cref="FlowPipeline.For"/> decides it from the configuration and the
/// switch's OpenFlow version.
/// </summary>
/// <param name="HasAclStage">
/// True: table 0 is the ACL stage and forwarding is table 1 (OpenFlow 1.3 with <c>Policies:AclTable</c> on); false: one
/// table (0) for everything (the ACL stage is off, or the switch speaks OpenFlow 1.0, which has no goto_table).
/// </param>
public readonly record struct SwitchTables(bool HasAclStage)
{
    /// <summary>Table 0 for everything.</summary>
    public static SwitchTables Single => new(false);

    /// <summary>Table 0 the ACL stage, table 1 forwarding.</summary>
    public static SwitchTables WithAcl => new(true);

    /// <summary>The first table, where the ACL stage (or everything, without one) lives: always 0 (OpenFlow 1.3.5 §5.1).</summary>
    public byte AclTable => 0;

    /// <summary>The forwarding apps' table: 1 behind the ACL stage, else 0.</summary>
    public byte ForwardingTable => HasAclStage ? (byte)1 : (byte)0;

    /// <summary>The shift applied to the table ids of an app in <paramref name="stage"/>.</summary>
    public TableShift ShiftFor(PipelineStage stage) => new(stage == PipelineStage.Forwarding ? ForwardingTable : (byte)0);

    /// <summary><c>table 0</c> or <c>acl table 0, forwarding table 1</c>.</summary>
    public override string ToString() => HasAclStage ? $"acl table {AclTable}, forwarding table {ForwardingTable}" : $"table {AclTable}";
}
