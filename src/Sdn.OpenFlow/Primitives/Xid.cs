namespace Sdn.OpenFlow;

/// <summary>
/// Transaction id of an OpenFlow message (<c>ofp_header.xid</c>, OpenFlow 1.3.5 §7.1): replies carry the xid of
/// the request they answer. A plain 32-bit value; no value is reserved.
/// </summary>
/// <param name="Value">The raw 32-bit xid.</param>
public readonly record struct Xid(uint Value)
{
    /// <summary>Formats as <c>0x</c> followed by 8 hex digits, as ovs-ofctl prints it.</summary>
    public override string ToString() => $"0x{Value:x8}";
}
