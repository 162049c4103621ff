using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>
/// A controller application. Apps implement the handler interfaces they need (<see cref="ISwitchLifecycleHandler"/>,
/// <see cref="IPacketInHandler"/>, <see cref="IPortStatusHandler"/>, <see cref="IFlowRemovedHandler"/>,
/// <see cref="ISwitchErrorHandler"/>). Handlers run on the switch's connection loop, one event at a time per
/// switch (different switches concurrently), and must not block: they send through <see cref="ISwitch"/>.
/// An exception from a handler is logged and contained; other apps and switches keep running.
/// </summary>
public interface IControllerApp
{
    /// <summary>The name used in <c>Controller:Apps</c>.</summary>
    string Name { get; }
}

/// <summary>Switch connected (handshake complete) and disconnected.</summary>
public interface ISwitchLifecycleHandler : IControllerApp
{
    /// <summary>The switch is Ready; the app's view of it (cookies scoped to the app) is <paramref name="sw"/>.</summary>
    void OnSwitchUp(ISwitch sw);

    /// <summary>The switch is gone (closed, timed out, or replaced by a new connection with the same dpid).</summary>
    /// <param name="sw">The switch that left; sends to it fail.</param>
    /// <param name="reason">Why, for people.</param>
    void OnSwitchDown(ISwitch sw, string reason);
}

/// <summary>OFPT_PACKET_IN (OpenFlow 1.3.5 §7.4.1), the hot path: no allocation between the socket and the app.</summary>
public interface IPacketInHandler : IControllerApp
{
    /// <summary>
    /// A packet arrived from <paramref name="sw"/>. The view reads the received bytes in place and is valid only
    /// during this call (<see cref="PacketInView.ToMessage"/> makes a record to keep).
    /// </summary>
    void OnPacketIn(ISwitch sw, in PacketInView packetIn);
}

/// <summary>OFPT_PORT_STATUS (OpenFlow 1.3.5 §7.4.3), after <see cref="ISwitch.Ports"/> is updated.</summary>
public interface IPortStatusHandler : IControllerApp
{
    /// <summary>A port of <paramref name="sw"/> was added, removed or changed.</summary>
    void OnPortStatus(ISwitch sw, PortStatus portStatus);
}

/// <summary>OFPT_FLOW_REMOVED (OpenFlow 1.3.5 §7.4.2).</summary>
public interface IFlowRemovedHandler : IControllerApp
{
    /// <summary>A flow entry flagged SEND_FLOW_REM expired or was deleted.</summary>
    void OnFlowRemoved(ISwitch sw, FlowRemoved flowRemoved);
}

/// <summary>OFPT_ERROR messages not tied to a pending request (OpenFlow 1.3.5 §7.4.4).</summary>
public interface ISwitchErrorHandler : IControllerApp
{
    /// <summary>The switch reported an error about something sent earlier.</summary>
    void OnError(ISwitch sw, Error error);
}
