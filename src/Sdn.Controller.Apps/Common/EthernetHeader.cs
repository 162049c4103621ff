using System.Buffers.Binary;
using Sdn.OpenFlow;

namespace Sdn.Controller.Apps.Common;

/// <summary>
/// The outer Ethernet II header of a frame (IEEE 802.3 §3.1.1): destination, source, EtherType of the first tag
/// or payload (0x8100 for a VLAN-tagged frame). 14 bytes; anything shorter is not a frame.
/// </summary>
/// <param name="Destination">Destination MAC.</param>
/// <param name="Source">Source MAC.</param>
/// <param name="EtherType">Outer EtherType.</param>
public readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, ushort EtherType)
{
    /// <summary>Header length in bytes.</summary>
    public const int Length = 14;

    /// <summary>LLDP EtherType (IEEE 802.1AB).</summary>
    public const ushort Lldp = 0x88cc;

    /// <summary>Reads the header; false when the frame is shorter than 14 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out EthernetHeader header)
    {
        if (frame.Length < Length)
        {
            header = default;
            return false;
        }

        header = new EthernetHeader(MacAddress.Read(frame), MacAddress.Read(frame[6..]), BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
        return true;
    }
}
