using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.Flows;

/// <summary>
/// A PACKET_OUT with one output action whose data is borrowed, not copied (OpenFlow 1.3.5 §7.3.7; 1.0 §5.3.6): the
/// hot-path form, written by the codec straight into the connection's buffer. The data span must stay valid only
/// for the duration of the send call.
/// </summary>
public readonly ref struct PacketOutSpec
{
    /// <summary>Creates the spec.</summary>
    /// <param name="bufferId">A buffer from a packet-in, or <see cref="BufferId.NoBuffer"/> to send <paramref name="data"/>.</param>
    /// <param name="inPort">Ingress port the packet is treated as coming from.</param>
    /// <param name="output">Where to send it (a port or FLOOD, ALL, IN_PORT, …).</param>
    /// <param name="data">The frame when not buffered (must be empty when buffered).</param>
    /// <param name="outputMaxLength">max_len of the output action, bytes.</param>
    public PacketOutSpec(BufferId bufferId, PortNumber inPort, PortNumber output, ReadOnlySpan<byte> data, ushort outputMaxLength = OutputAction.NoBuffer)
    {
        BufferId = bufferId;
        InPort = inPort;
        Output = output;
        Data = data;
        OutputMaxLength = outputMaxLength;
    }

    /// <summary>Buffer id or <see cref="BufferId.NoBuffer"/>.</summary>
    public BufferId BufferId { get; }

    /// <summary>Ingress port.</summary>
    public PortNumber InPort { get; }

    /// <summary>Output port.</summary>
    public PortNumber Output { get; }

    /// <summary>max_len of the output action, bytes.</summary>
    public ushort OutputMaxLength { get; }

    /// <summary>The frame (empty when buffered).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The same PACKET_OUT as a record (allocates; copies the data).</summary>
    public PacketOut ToPacketOut() => new(BufferId, InPort, [new OutputAction(Output, OutputMaxLength)], ValueArray.Create(Data));
}
