using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>
/// A bound <see cref="IPacketInHandler.OnPacketIn"/>: the dispatcher calls packet-in handlers through these rather
/// than through the interface, whose one call site sees every app type and then resolves each call by a hashed lookup.
/// </summary>
internal delegate void PacketInCall(ISwitch sw, in PacketInView packetIn);
