using Sdn.OpenFlow;

namespace Sdn.Controller.Apps;

/// <summary>
/// The controller's flow-table pipeline (OpenFlow 1.3.5 §5.1). With the ACL stage on, every OpenFlow 1.3 switch gets
/// two tables: table 0 is the ACL stage, owned by the policies app (DENY = an entry without instructions, ALLOW = goto
/// table 1, and a priority-0 entry goto table 1 so everything else continues; §7.2.4 instructions) plus discovery's
/// LLDP punt; table 1 is forwarding, where every other app's flows go (<see cref="PipelineStage"/>). With it off, and
/// always on OpenFlow 1.0 switches (no goto_table), everything shares table 0.
/// </summary>
/// <remarks>
/// One instance per controller, registered in DI by whoever owns the ACL stage (the northbound's policies app, from
/// <c>Policies:AclTable</c>); without a registration the dispatcher uses <see cref="SingleTable"/>, because nobody would
/// install table 0's goto entry. The table shift itself happens in one place: the per-app switch views the
/// <see cref="AppDispatcher"/> builds (<see cref="TableShift"/>).
/// </remarks>
/// <param name="aclStage">True for the two-table pipeline on OpenFlow 1.3 switches.</param>
public sealed class FlowPipeline(bool aclStage)
{
    /// <summary>Everything in table 0 (no ACL stage).</summary>
    public static FlowPipeline SingleTable { get; } = new(false);

    /// <summary>True when OpenFlow 1.3 switches get the ACL stage in table 0 and forwarding in table 1.</summary>
    public bool AclStage => aclStage;

    /// <summary>The tables of a switch speaking <paramref name="version"/>: two for OpenFlow 1.3 with the ACL stage on, else one.</summary>
    public SwitchTables For(OfpVersion version) => aclStage && version == OfpVersion.OpenFlow13 ? SwitchTables.WithAcl : SwitchTables.Single;
}
