using System.Buffers.Binary;
using System.Text;
using Sdn.OpenFlow;

namespace Sdn.Packets;

public sealed partial record LldpPacket
{
    /// <summary>Chassis ID subtype 7, locally assigned (802.1AB-2016 §8.5.2.2, Table 8-2).</summary>
    public const byte ChassisSubtypeLocal = 7;

    /// <summary>Port ID subtype 2, port component (802.1AB-2016 §8.5.3.2, Table 8-3).</summary>
    public const byte PortSubtypePortComponent = 2;

    private const string DpidPrefix = "dpid:";
    private const int DpidIdLength = 5 + 16;

    /// <summary>
    /// The controller's discovery probe, in Ryu's format: an Ethernet frame from <paramref name="sourceMac"/> to
    /// <see cref="NearestBridge"/>, EtherType 0x88cc, Chassis ID subtype 7 with ASCII <c>dpid:</c> and 16 lower-case
    /// hex digits, Port ID subtype 2 with the 4-byte big-endian port number, TTL, End; padded to 60 bytes.
    /// </summary>
    public static EthernetFrame ForSwitchPort(DatapathId dpid, PortNumber port, MacAddress sourceMac, ushort ttlSeconds)
    {
        var chassis = Encoding.ASCII.GetBytes(DpidPrefix + dpid.ToString());
        var portId = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(portId, port.Value);
        var lldp = new LldpPacket(new LldpIdentifier(ChassisSubtypeLocal, chassis), new LldpIdentifier(PortSubtypePortComponent, portId), ttlSeconds);
        return EthernetFrame.Carrying(NearestBridge, sourceMac, lldp);
    }

    /// <summary>
    /// Reads a discovery probe built by <see cref="ForSwitchPort"/> (tags allowed). False for frames that are not
    /// LLDP and for LLDP in another format (another agent's); allocation-free.
    /// </summary>
    /// <exception cref="PacketDecodeException">The Ethernet header or the LLDP TLVs are malformed.</exception>
    public static bool TryParseSwitchPort(ReadOnlySpan<byte> frame, out DatapathId dpid, out PortNumber port)
    {
        var found = TryParseSwitchPort(frame, out dpid, out port, out var error);
        Decode.ThrowIf(error);
        return found;
    }

    /// <summary>
    /// As <see cref="TryParseSwitchPort(ReadOnlySpan{byte}, out DatapathId, out PortNumber)"/> but never throws:
    /// malformed input gives false with <paramref name="error"/> set; a well-formed frame that is not a probe gives
    /// false with <paramref name="error"/> null.
    /// </summary>
    public static bool TryParseSwitchPort(ReadOnlySpan<byte> frame, out DatapathId dpid, out PortNumber port, out string? error)
    {
        dpid = default;
        port = default;
        error = EthernetHeader.TryRead(frame, out var eth);
        if (error is not null || eth.EtherType != EtherType.Lldp)
        {
            return false;
        }

        var pdu = frame[eth.Length..];
        error = LldpPdu.TryRead(pdu, out var layout);
        if (error is not null || layout.ChassisSubtype != ChassisSubtypeLocal || layout.PortSubtype != PortSubtypePortComponent)
        {
            return false;
        }

        var chassis = pdu[layout.ChassisId];
        var portId = pdu[layout.PortId];
        if (chassis.Length != DpidIdLength || portId.Length != 4 || !chassis.StartsWith("dpid:"u8)
            || !TryParseHex(chassis[DpidPrefix.Length..], out var value))
        {
            return false;
        }

        dpid = new DatapathId(value);
        port = new PortNumber(BinaryPrimitives.ReadUInt32BigEndian(portId));
        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        foreach (var c in digits)
        {
            int d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)d;
        }

        return true;
    }
}
