using System.Buffers.Binary;

namespace Sdn.LoadGen;

/// <summary>The malformed or oversized messages a misbehaving switch mixes into its PACKET_INs.</summary>
public enum BadKind
{
    /// <summary>A message of an undefined type (200), 16 bytes. Expected: ERROR BAD_REQUEST/BAD_TYPE, connection kept.</summary>
    UnknownType,

    /// <summary>A PACKET_IN whose header length (12) is shorter than its fixed part. Expected: ERROR or close.</summary>
    Truncated,

    /// <summary>
    /// 1.3: a PACKET_IN whose match holds garbage OXM (unknown class, TLV length running past the match).
    /// 1.0: a PACKET_IN whose total_len claims 60000 bytes but carries 8. Expected: ERROR or the message ignored.
    /// </summary>
    GarbageMatch,

    /// <summary>A 65535-byte PACKET_IN (unbuffered, random payload after a valid Ethernet header). Valid, just huge.</summary>
    Oversized,

    /// <summary>A 65535-byte message of an undefined type. Expected: ERROR BAD_TYPE, or close.</summary>
    OversizedUnknown,

    /// <summary>A header whose length is 4 (&lt; 8): framing is lost, the controller must close the connection.</summary>
    BadLength,

    /// <summary>A message with wire version 0x07 after negotiation. Open vSwitch closes; so does our controller.</summary>
    BadVersion,
}

/// <summary>Builds <see cref="BadKind"/> messages.</summary>
public static class BadMessages
{
    /// <summary>All kinds, in the order a misbehaving switch cycles through them.</summary>
    public static readonly IReadOnlyList<BadKind> All =
        [BadKind.UnknownType, BadKind.Truncated, BadKind.GarbageMatch, BadKind.Oversized, BadKind.OversizedUnknown, BadKind.BadLength, BadKind.BadVersion];

    /// <summary>Command-line name of a kind (kebab case).</summary>
    public static string Name(BadKind kind) => kind switch
    {
        BadKind.UnknownType => "unknown-type",
        BadKind.Truncated => "truncated",
        BadKind.GarbageMatch => "garbage-match",
        BadKind.Oversized => "oversized",
        BadKind.OversizedUnknown => "oversized-unknown",
        BadKind.BadLength => "bad-length",
        BadKind.BadVersion => "bad-version",
        _ => kind.ToString(),
    };

    /// <summary>Parses a kind name as printed by <see cref="Name"/>.</summary>
    public static bool TryParse(string text, out BadKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(Name(k), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Builds one message of <paramref name="kind"/>.</summary>
    public static byte[] Build(BadKind kind, byte version, uint xid, Random random)
    {
        switch (kind)
        {
            case BadKind.UnknownType:
            {
                var m = new byte[16];
                Wire.WriteHeader(m, version, 200, 16, xid);
                random.NextBytes(m.AsSpan(8));
                return m;
            }

            case BadKind.Truncated:
            {
                var m = new byte[12];
                Wire.WriteHeader(m, version, Wire.PacketIn, 12, xid);
                BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(8), Wire.NoBuffer);
                return m;
            }

            case BadKind.GarbageMatch when version == Wire.V13:
            {
                // header, buffer_id, total_len, reason, table, cookie, match{type OXM, length 36}: TLVs with class
                // 0x1234 and a length byte (200) that runs far past the match; then 2 pad bytes and 14 bytes of data.
                var m = new byte[24 + 40 + 2 + 14];
                Wire.WriteHeader(m, version, Wire.PacketIn, m.Length, xid);
                BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(8), Wire.NoBuffer);
                BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(12), 14);
                BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(24), 1);
                BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(26), 36);
                BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(28), 0x123406c8); // class 0x1234, field 3, length 200
                random.NextBytes(m.AsSpan(32, 28));
                return m;
            }

            case BadKind.GarbageMatch:
            {
                var m = new byte[18 + 8];
                Wire.WriteHeader(m, version, Wire.PacketIn, m.Length, xid);
                BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(8), Wire.NoBuffer);
                BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(12), 60000); // total_len far beyond the data
                BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(14), 1);
                random.NextBytes(m.AsSpan(18));
                return m;
            }

            case BadKind.Oversized:
            {
                var m = new byte[ushort.MaxValue];
                var stream = new PacketInStream(version, 0xfff, 1, 1);
                stream.WriteTemplates(m, 1);
                var dataOffset = stream.MessageLength - PacketInStream.FrameLength;
                Wire.WriteHeader(m, version, Wire.PacketIn, m.Length, xid);
                BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(8), Wire.NoBuffer);
                BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(12), (ushort)(m.Length - dataOffset));
                random.NextBytes(m.AsSpan(dataOffset + 14));
                return m;
            }

            case BadKind.OversizedUnknown:
            {
                var m = new byte[ushort.MaxValue];
                Wire.WriteHeader(m, version, 201, m.Length, xid);
                random.NextBytes(m.AsSpan(8));
                return m;
            }

            case BadKind.BadLength:
            {
                var m = new byte[8];
                Wire.WriteHeader(m, version, Wire.PacketIn, 4, xid);
                return m;
            }

            case BadKind.BadVersion:
            {
                var m = new byte[8];
                Wire.WriteHeader(m, 0x07, Wire.EchoRequest, 8, xid);
                return m;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
