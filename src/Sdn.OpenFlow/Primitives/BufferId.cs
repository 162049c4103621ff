namespace Sdn.OpenFlow;

/// <summary>
/// Id of a packet buffered on the switch (OpenFlow 1.3.5 §7.4.1, §7.3.7): a PACKET_IN names it and a FLOW_MOD or
/// PACKET_OUT may refer back to it. <see cref="NoBuffer"/> (0xffffffff) means the whole packet travels in the message.
/// </summary>
/// <param name="Value">The raw 32-bit id.</param>
public readonly record struct BufferId(uint Value)
{
    /// <summary><c>OFP_NO_BUFFER</c> (0xffffffff).</summary>
    public static readonly BufferId NoBuffer = new(0xffffffff);

    /// <summary>True when this names a real buffer on the switch.</summary>
    public bool IsBuffered => Value != 0xffffffff;

    /// <summary>Hex, or <c>NO_BUFFER</c>.</summary>
    public override string ToString() => IsBuffered ? $"0x{Value:x}" : "NO_BUFFER";
}
