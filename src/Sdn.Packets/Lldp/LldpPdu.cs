using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// The validated layout of an LLDPDU (IEEE 802.1AB-2016 §8.2): where the mandatory Chassis ID, Port ID and TTL TLVs
/// lie, and the range of optional TLVs before the End TLV. Shared by <see cref="LldpPacket"/>, the switch-port helpers
/// and <see cref="PacketParser"/>; allocation-free.
/// </summary>
internal readonly record struct LldpPdu(byte ChassisSubtype, Range ChassisId, byte PortSubtype, Range PortId, ushort Ttl, int OptionalStart, int OptionalEnd)
{
    /// <summary>
    /// Validates an LLDPDU: Chassis ID (value 2–256 bytes), Port ID (2–256) and TTL (exactly 2) first and in that
    /// order, no repeat of them, every TLV inside the buffer, and an End TLV of length 0 (bytes after it are padding).
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> pdu, out LldpPdu result)
    {
        result = default;
        var offset = 0;
        byte chassisSubtype = 0, portSubtype = 0;
        Range chassis = default, port = default;
        ushort ttl = 0;
        var optionalStart = 0;
        for (var index = 0; index <= pdu.Length / 2; index++)
        {
            if (pdu.Length - offset < 2)
            {
                return index < 3 ? Decode.Format($"LLDP: missing mandatory {Expected(index)} TLV") : "LLDP: missing End of LLDPDU TLV";
            }

            var header = BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);
            var type = (LldpTlvType)(header >> 9);
            var length = header & 0x1ff;
            var start = offset + 2;
            if (pdu.Length - start < length)
            {
                return Decode.Format($"LLDP: TLV type {(int)type} at offset {offset} has length {length}, only {pdu.Length - start} bytes remain");
            }

            var value = pdu.Slice(start, length);
            if (index < 3 && (byte)type != index + 1)
            {
                return Decode.Format($"LLDP: missing mandatory {Expected(index)} TLV (TLV {index + 1} is type {(int)type})");
            }

            switch (index)
            {
                case 0 or 1 when length is < 2 or > 256:
                    return Decode.Format($"LLDP: {Expected(index)} TLV length {length} (must be 2-256)");
                case 0:
                    chassisSubtype = value[0];
                    chassis = new Range(start + 1, start + length);
                    break;
                case 1:
                    portSubtype = value[0];
                    port = new Range(start + 1, start + length);
                    break;
                case 2 when length != 2:
                    return Decode.Format($"LLDP: TTL TLV length {length} (must be 2)");
                case 2:
                    ttl = BinaryPrimitives.ReadUInt16BigEndian(value);
                    optionalStart = start + length;
                    break;
                default:
                    if (type == LldpTlvType.End)
                    {
                        if (length != 0)
                        {
                            return Decode.Format($"LLDP: End of LLDPDU TLV length {length} (must be 0)");
                        }

                        result = new LldpPdu(chassisSubtype, chassis, portSubtype, port, ttl, optionalStart, offset);
                        return null;
                    }

                    if (type is LldpTlvType.ChassisId or LldpTlvType.PortId or LldpTlvType.Ttl)
                    {
                        return Decode.Format($"LLDP: repeated {Expected((int)type - 1)} TLV at offset {offset}");
                    }

                    break;
            }

            offset = start + length;
        }

        return "LLDP: missing End of LLDPDU TLV"; // unreachable: every TLV takes at least 2 bytes
    }

    private static string Expected(int index) => index switch
    {
        0 => "Chassis ID",
        1 => "Port ID",
        _ => "TTL",
    };
}
