namespace Sdn.Controller.Apps;

/// <summary>
/// Which stage of the controller's OpenFlow pipeline (<see cref="FlowPipeline"/>, OpenFlow 1.3.5 §5.1) an app's flows
/// belong to. Apps always write table 0 ("their" first table); the core moves forwarding apps' tables behind the ACL
/// stage on switches that have one.
/// </summary>
public enum PipelineStage
{
    /// <summary>
    /// Forwarding (the default): table <see cref="SwitchTables.ForwardingTable"/>, i.e. table 1 behind the ACL stage,
    /// table 0 without it. L2Learning, Hub, ShortestPath and expert flows live here; every table id they write (FLOW_MOD,
    /// goto_table, flow-stats requests) is shifted by the core.
    /// </summary>
    Forwarding = 0,

    /// <summary>
    /// Ingress: table 0 as written, ahead of every ACL decision. The policies app (the ACL stage's owner) and
    /// discovery's LLDP punt live here: probes must reach the controller even when a DENY rule matches everything.
    /// </summary>
    Ingress = 1,
}
