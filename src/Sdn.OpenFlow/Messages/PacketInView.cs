using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.V13;

namespace Sdn.OpenFlow.Messages;

/// <summary>
/// A zero-copy, allocation-free view of one OFPT_PACKET_IN frame (OpenFlow 1.3.5 §7.4.1; 1.0 §5.4.1): the fixed
/// fields, the ingress port and the packet bytes, read straight from the received buffer. It is only valid while
/// that buffer is, i.e. during the handler call: copy what you keep (<see cref="ToMessage"/> makes a record).
/// <see cref="TryParse"/> validates the frame as strictly as the full decoder, so a view never holds a malformed
/// message.
/// </summary>
public readonly ref struct PacketInView
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly int _matchOffset;
    private readonly int _matchLength;
    private readonly int _dataOffset;

    internal PacketInView(ReadOnlySpan<byte> frame, OfpVersion version, Xid xid, BufferId bufferId, ushort totalLength,
        PacketInReason reason, byte tableId, ulong cookie, PortNumber inPort, int matchOffset, int matchLength, int dataOffset)
    {
        _frame = frame;
        Version = version;
        Xid = xid;
        BufferId = bufferId;
        TotalLength = totalLength;
        Reason = reason;
        TableId = tableId;
        Cookie = cookie;
        InPort = inPort;
        _matchOffset = matchOffset;
        _matchLength = matchLength;
        _dataOffset = dataOffset;
    }

    /// <summary>The wire version of the frame.</summary>
    public OfpVersion Version { get; }

    /// <summary>Transaction id.</summary>
    public Xid Xid { get; }

    /// <summary>Where the switch buffered the packet, or <see cref="BufferId.NoBuffer"/>.</summary>
    public BufferId BufferId { get; }

    /// <summary>Full length of the frame on the switch, in bytes (<see cref="Data"/> may be shorter).</summary>
    public ushort TotalLength { get; }

    /// <summary>Why the packet was sent.</summary>
    public PacketInReason Reason { get; }

    /// <summary>Table that was looked up (0 in OpenFlow 1.0).</summary>
    public byte TableId { get; }

    /// <summary>Cookie of the flow entry that sent it (0 in OpenFlow 1.0).</summary>
    public ulong Cookie { get; }

    /// <summary>Ingress port (OXM_OF_IN_PORT in 1.3, <c>in_port</c> in 1.0); <see cref="PortNumber.Any"/> when absent.</summary>
    public PortNumber InPort { get; }

    /// <summary>The Ethernet frame (or its first bytes).</summary>
    public ReadOnlySpan<byte> Data => _frame[_dataOffset..];

    /// <summary>The whole OpenFlow message, header included.</summary>
    public ReadOnlySpan<byte> Frame => _frame;

    /// <summary>
    /// Reads a PACKET_IN frame without allocating.
    /// </summary>
    /// <param name="frame">One whole message whose header type is PACKET_IN.</param>
    /// <param name="version">The connection's negotiated version.</param>
    /// <param name="view">The view, on success.</param>
    /// <returns>False when the frame is malformed or uses something the fast path does not read (e.g. experimenter
    /// OXMs); decode it with the codec then, which gives the record or the typed error.</returns>
    public static bool TryParse(ReadOnlySpan<byte> frame, OfpVersion version, out PacketInView view) => version switch
    {
        OfpVersion.OpenFlow13 => PacketInParser13.TryParse(frame, out view),
        OfpVersion.OpenFlow10 => V10.PacketInParser10.TryParse(frame, out view),
        _ => Fail(out view),
    };

    /// <summary>The pipeline fields as a <see cref="Matching.Match"/> (allocates).</summary>
    public Match DecodeMatch() => ToMessage().Match;

    /// <summary>The message as an immutable record (allocates; copies the data).</summary>
    /// <exception cref="NotSupportedException">No codec for <see cref="Version"/>.</exception>
    public PacketIn ToMessage() => (PacketIn)OpenFlowCodecs.For(Version).Decode(_frame);

    private static bool Fail(out PacketInView view)
    {
        view = default;
        return false;
    }

    internal ReadOnlySpan<byte> MatchBytes => _frame.Slice(_matchOffset, _matchLength);
}
