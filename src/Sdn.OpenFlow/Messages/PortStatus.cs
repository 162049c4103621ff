namespace Sdn.OpenFlow.Messages;

/// <summary>OFPT_PORT_STATUS (OpenFlow 1.3.5 §7.4.3 <c>ofp_port_status</c>): a port was added, deleted or changed.</summary>
/// <param name="Reason">What happened.</param>
/// <param name="Port">The port's description after the change.</param>
public sealed record PortStatus(PortStatusReason Reason, PortDescription Port) : OfpMessage;

/// <summary>Why a PORT_STATUS was sent (OpenFlow 1.3.5 §7.4.3 <c>ofp_port_reason</c>).</summary>
public enum PortStatusReason : byte
{
    /// <summary>The port was added.</summary>
    Add = 0,
    /// <summary>The port was removed.</summary>
    Delete = 1,
    /// <summary>Some attribute of the port changed.</summary>
    Modify = 2,
}
