using System.Buffers.Binary;
using Sdn.OpenFlow;

namespace Sdn.Packets;

/// <summary>
/// An LLDPDU (IEEE 802.1AB-2016 §8.2): Chassis ID TLV (§8.5.2), Port ID TLV (§8.5.3), TTL TLV (§8.5.4), optional
/// TLVs kept raw, End of LLDPDU TLV (§8.5.1). Carried in Ethernet with EtherType 0x88cc (§7.1), usually to the
/// nearest-bridge group address <see cref="NearestBridge"/>.
/// </summary>
/// <param name="ChassisId">Chassis ID subtype and id.</param>
/// <param name="PortId">Port ID subtype and id.</param>
/// <param name="TtlSeconds">Time to live in seconds (0 withdraws the information).</param>
public sealed partial record LldpPacket(LldpIdentifier ChassisId, LldpIdentifier PortId, ushort TtlSeconds) : EtherPayload
{
    /// <summary>The nearest-bridge group MAC address <c>01:80:c2:00:00:0e</c> (802.1AB-2016 §7.1, Table 7-1).</summary>
    public static readonly MacAddress NearestBridge = new(0x0180_c200_000eUL);

    /// <summary>Optional TLVs between TTL and End, in wire order.</summary>
    public IReadOnlyList<LldpTlv> OptionalTlvs { get; init; } = [];

    /// <inheritdoc />
    public override EtherType EtherType => EtherType.Lldp;

    /// <inheritdoc />
    public override int Length
    {
        get
        {
            var length = (3 + ChassisId.Id.Length) + (3 + PortId.Id.Length) + 4 + 2;
            foreach (var tlv in OptionalTlvs)
            {
                length += tlv.WireLength;
            }

            return length;
        }
    }

    /// <summary>Parses an LLDPDU (bytes after the EtherType); ids and optional values are slices of <paramref name="pdu"/>.</summary>
    /// <exception cref="PacketDecodeException">
    /// A TLV runs past the buffer, a mandatory TLV is missing, out of order, repeated or of the wrong length, or the
    /// End TLV is missing or not of length 0.
    /// </exception>
    public static LldpPacket Parse(ReadOnlyMemory<byte> pdu)
    {
        Decode.ThrowIf(LldpPdu.TryRead(pdu.Span, out var layout));
        var optional = new List<LldpTlv>();
        for (var offset = layout.OptionalStart; offset < layout.OptionalEnd;)
        {
            var header = BinaryPrimitives.ReadUInt16BigEndian(pdu.Span[offset..]);
            var length = header & 0x1ff;
            optional.Add(new LldpTlv((LldpTlvType)(header >> 9), pdu.Slice(offset + 2, length)));
            offset += 2 + length;
        }

        return new LldpPacket(
            new LldpIdentifier(layout.ChassisSubtype, pdu[layout.ChassisId]),
            new LldpIdentifier(layout.PortSubtype, pdu[layout.PortId]),
            layout.Ttl)
        { OptionalTlvs = optional };
    }

    /// <inheritdoc />
    protected override void WriteCore(Span<byte> destination)
    {
        var offset = WriteId(destination, 0, LldpTlvType.ChassisId, ChassisId);
        offset = WriteId(destination, offset, LldpTlvType.PortId, PortId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], LldpTlv.Header(LldpTlvType.Ttl, 2));
        BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], TtlSeconds);
        offset += 4;
        foreach (var tlv in OptionalTlvs)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], LldpTlv.Header(tlv.Type, tlv.Value.Length));
            tlv.Value.Span.CopyTo(destination[(offset + 2)..]);
            offset += tlv.WireLength;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], 0);
    }

    private static int WriteId(Span<byte> destination, int offset, LldpTlvType type, LldpIdentifier id)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], LldpTlv.Header(type, 1 + id.Id.Length));
        destination[offset + 2] = id.Subtype;
        id.Id.Span.CopyTo(destination[(offset + 3)..]);
        return offset + 3 + id.Id.Length;
    }
}
