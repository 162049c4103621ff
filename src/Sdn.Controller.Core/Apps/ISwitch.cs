using System.Net;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>
/// A connected, Ready switch as apps see it: identity, ports, and a narrow send API. The core does all I/O;
/// sends are queued on the switch's bounded send queue and written in order.
/// </summary>
public interface ISwitch
{
    /// <summary>The switch's datapath id.</summary>
    DatapathId Dpid { get; }

    /// <summary>The negotiated OpenFlow version.</summary>
    OfpVersion Version { get; }

    /// <summary>The switch's TCP address, when known.</summary>
    IPEndPoint? RemoteEndPoint { get; }

    /// <summary>The switch's ports as last reported (PORT_DESC, then PORT_STATUS), keyed by port number.</summary>
    IReadOnlyDictionary<PortNumber, PortDescription> Ports { get; }

    /// <summary>
    /// The calling app's own state for this switch connection: null until the app sets it (typically at switch-up),
    /// gone with the connection. Every app is handed its own view of a switch, so the slot is private to the app and
    /// reading it on the packet-in path costs no lookup. Touch it only from the switch's handlers (its loop), which
    /// run one at a time.
    /// </summary>
    object? AppState { get; set; }

    /// <summary>
    /// Sends a message to the switch, in order with everything else sent to it. A message with xid 0 gets a fresh xid. Returns false when the switch is
    /// gone or its send queue overflowed (the core then disconnects it); nothing is thrown.
    /// </summary>
    bool Send(OfpMessage message);

    /// <summary>
    /// Sends a FLOW_MOD given as a <see cref="FlowRule"/>. From a handler (the switch's own loop) it is encoded at
    /// once into the connection's buffer without allocating; elsewhere it is queued like <see cref="Send(OfpMessage)"/>.
    /// </summary>
    bool Send(in FlowRule rule);

    /// <summary>
    /// Sends a PACKET_OUT given as a <see cref="PacketOutSpec"/> (its data may be the packet-in's own bytes). From a
    /// handler it is encoded at once without allocating or copying; elsewhere the data is copied and queued.
    /// </summary>
    bool Send(in PacketOutSpec packetOut);

    /// <summary>Sends BARRIER_REQUEST and completes when the switch has processed everything sent before it (OpenFlow 1.3.5 §7.3.8).</summary>
    /// <exception cref="TimeoutException">No reply within <c>Controller:RequestTimeoutSeconds</c>.</exception>
    /// <exception cref="Channel.SwitchDisconnectedException">The switch disconnected first.</exception>
    Task BarrierAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends a request (multipart, barrier, get-config, …) and returns its reply; multipart parts are merged.</summary>
    /// <exception cref="Channel.OpenFlowErrorException">The switch answered with OFPT_ERROR.</exception>
    /// <exception cref="TimeoutException">No reply within <c>Controller:RequestTimeoutSeconds</c>.</exception>
    /// <exception cref="Channel.SwitchDisconnectedException">The switch disconnected first.</exception>
    Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default);
}
