namespace Sdn.OpenFlow;

/// <summary>
/// An OpenFlow port number (OpenFlow 1.3.5 §7.2.1 <c>ofp_port_no</c>): physical/logical ports are
/// 1..<see cref="Max"/>; the values above are reserved ports. OpenFlow 1.0 uses 16-bit port numbers whose
/// reserved values (0xff00..0xffff) map onto the same names; the 1.0 codec converts.
/// </summary>
/// <param name="Value">The raw 32-bit port number.</param>
public readonly record struct PortNumber(uint Value)
{
    /// <summary>Largest number of a physical or logical port (0xffffff00).</summary>
    public static readonly PortNumber Max = new(0xffffff00);
    /// <summary>Send the packet out the port it came in on (0xfffffff8).</summary>
    public static readonly PortNumber InPort = new(0xfffffff8);
    /// <summary>Submit the packet to the first flow table (PACKET_OUT only, 0xfffffff9).</summary>
    public static readonly PortNumber Table = new(0xfffffff9);
    /// <summary>Forward using the switch's non-OpenFlow pipeline (0xfffffffa).</summary>
    public static readonly PortNumber Normal = new(0xfffffffa);
    /// <summary>Flood along the non-OpenFlow flooding set, excluding the in port (0xfffffffb).</summary>
    public static readonly PortNumber Flood = new(0xfffffffb);
    /// <summary>All ports except the in port (0xfffffffc).</summary>
    public static readonly PortNumber All = new(0xfffffffc);
    /// <summary>Send to the controller (0xfffffffd).</summary>
    public static readonly PortNumber Controller = new(0xfffffffd);
    /// <summary>The switch's local networking stack (0xfffffffe).</summary>
    public static readonly PortNumber Local = new(0xfffffffe);
    /// <summary>Wildcard / no port (0xffffffff).</summary>
    public static readonly PortNumber Any = new(0xffffffff);

    /// <summary>True for 1..<see cref="Max"/>: a port that exists on the switch, not a reserved one.</summary>
    public bool IsPhysical => Value is > 0 and <= 0xffffff00;

    /// <summary>The reserved name (<c>CONTROLLER</c>, <c>FLOOD</c>, …) or the decimal number.</summary>
    public override string ToString() => Value switch
    {
        0xfffffff8 => "IN_PORT",
        0xfffffff9 => "TABLE",
        0xfffffffa => "NORMAL",
        0xfffffffb => "FLOOD",
        0xfffffffc => "ALL",
        0xfffffffd => "CONTROLLER",
        0xfffffffe => "LOCAL",
        0xffffffff => "ANY",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
