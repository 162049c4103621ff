using Sdn.Controller.Apps.Common;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.Hub;

/// <summary>
/// A hub, for the first lab: installs the table-miss entry, then floods every packet-in with a PACKET_OUT
/// (output FLOOD, from the packet's in_port). Installs no other flows, so every packet visits the controller.
/// Cookie id 0x11.
/// </summary>
public sealed class HubApp : ISwitchLifecycleHandler, IPacketInHandler
{
    /// <summary>Configuration name.</summary>
    public const string AppName = "Hub";

    /// <summary>Cookie id (top byte of the cookie).</summary>
    public const byte CookieId = 0x11;

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public void OnSwitchUp(ISwitch sw) => sw.Send(TableMiss.FlowMod());

    /// <inheritdoc />
    public void OnSwitchDown(ISwitch sw, string reason)
    {
    }

    /// <inheritdoc />
    public void OnPacketIn(ISwitch sw, in PacketInView packetIn)
    {
        var data = packetIn.BufferId.IsBuffered ? ReadOnlySpan<byte>.Empty : packetIn.Data;
        sw.Send(new PacketOutSpec(packetIn.BufferId, packetIn.InPort, PortNumber.Flood, data));
    }
}
