using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Graph;

/// <summary>
/// What one switch on a <see cref="NetworkPath"/> does: frames arrive on <see cref="InPort"/> and leave on
/// <see cref="OutPort"/> — the match in_port and output action of the flow entry the switch needs.
/// </summary>
/// <param name="Switch">The switch.</param>
/// <param name="InPort">The port frames arrive on.</param>
/// <param name="OutPort">The port frames leave on.</param>
public readonly record struct Hop(DatapathId Switch, PortNumber InPort, PortNumber OutPort);
