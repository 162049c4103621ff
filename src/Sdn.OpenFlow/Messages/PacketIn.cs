using Sdn.OpenFlow.Matching;

namespace Sdn.OpenFlow.Messages;

/// <summary>
/// OFPT_PACKET_IN (OpenFlow 1.3.5 §7.4.1 <c>ofp_packet_in</c>): a packet the switch hands to the controller.
/// The ingress port is in <see cref="Match"/> (OXM_OF_IN_PORT) in 1.3; the 1.0 codec puts its <c>in_port</c> there too.
/// </summary>
/// <param name="BufferId">Where the switch buffered the packet, or <see cref="BufferId.NoBuffer"/>.</param>
/// <param name="TotalLength">Full length of the frame in bytes (<see cref="Data"/> may be shorter).</param>
/// <param name="Reason">Why the packet was sent.</param>
/// <param name="TableId">Table that was looked up (1.3 only).</param>
/// <param name="Cookie">Cookie of the flow entry that sent it (1.3 only; all ones for a table miss without entry).</param>
/// <param name="Match">Pipeline fields (at least OXM_OF_IN_PORT).</param>
/// <param name="Data">The Ethernet frame (or its first bytes).</param>
public sealed record PacketIn(BufferId BufferId, ushort TotalLength, PacketInReason Reason, byte TableId, ulong Cookie, Match Match, ValueArray<byte> Data) : OfpMessage
{
    /// <summary>The ingress port from the match, or <see cref="PortNumber.Any"/> when absent.</summary>
    public PortNumber InPort => Match.InPort ?? PortNumber.Any;
}

/// <summary>Why a packet was sent to the controller (OpenFlow 1.3.5 §7.4.1 <c>ofp_packet_in_reason</c>).</summary>
public enum PacketInReason : byte
{
    /// <summary>No matching flow (table-miss flow entry).</summary>
    NoMatch = 0,
    /// <summary>Output to the controller in an action.</summary>
    Action = 1,
    /// <summary>Packet has an invalid TTL.</summary>
    InvalidTtl = 2,
}
