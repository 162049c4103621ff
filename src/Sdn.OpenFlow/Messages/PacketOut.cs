using Sdn.OpenFlow.Actions;

namespace Sdn.OpenFlow.Messages;

/// <summary>
/// OFPT_PACKET_OUT (OpenFlow 1.3.5 §7.3.7 <c>ofp_packet_out</c>): make the switch send a packet, either one it
/// buffered (<see cref="BufferId"/>) or the frame in <see cref="Data"/>.
/// </summary>
/// <param name="BufferId">A buffer from a packet-in, or <see cref="BufferId.NoBuffer"/> to send <paramref name="Data"/>.</param>
/// <param name="InPort">Ingress port to act as if the packet came from (<see cref="PortNumber.Controller"/> when none).</param>
/// <param name="Actions">Actions to apply, in order.</param>
/// <param name="Data">The frame, when not buffered; must be empty when <paramref name="BufferId"/> is a buffer.</param>
public sealed record PacketOut(BufferId BufferId, PortNumber InPort, ValueArray<OfpAction> Actions, ValueArray<byte> Data) : OfpMessage;
