using System.Buffers.Binary;
using System.Text;

namespace Sdn.LoadGen;

/// <summary>
/// OpenFlow 1.0 (wire version 0x01) and 1.3 (0x04) constants and the switch-side messages the generator sends,
/// encoded by hand (OpenFlow 1.0.0 §5, OpenFlow 1.3.5 §7). Independent of <c>src/Sdn.OpenFlow</c> on purpose.
/// </summary>
public static class Wire
{
    /// <summary>Wire version byte of OpenFlow 1.0.</summary>
    public const byte V10 = 0x01;

    /// <summary>Wire version byte of OpenFlow 1.3.</summary>
    public const byte V13 = 0x04;

    /// <summary>Header length of every OpenFlow message.</summary>
    public const int HeaderLength = 8;

    /// <summary>OFP_NO_BUFFER.</summary>
    public const uint NoBuffer = 0xffffffff;

    /// <summary>OFPT_HELLO (same in both versions).</summary>
    public const byte Hello = 0;

    /// <summary>OFPT_ERROR.</summary>
    public const byte Error = 1;

    /// <summary>OFPT_ECHO_REQUEST.</summary>
    public const byte EchoRequest = 2;

    /// <summary>OFPT_ECHO_REPLY.</summary>
    public const byte EchoReply = 3;

    /// <summary>OFPT_VENDOR (1.0) / OFPT_EXPERIMENTER (1.3).</summary>
    public const byte Experimenter = 4;

    /// <summary>OFPT_FEATURES_REQUEST.</summary>
    public const byte FeaturesRequest = 5;

    /// <summary>OFPT_FEATURES_REPLY.</summary>
    public const byte FeaturesReply = 6;

    /// <summary>OFPT_GET_CONFIG_REQUEST.</summary>
    public const byte GetConfigRequest = 7;

    /// <summary>OFPT_GET_CONFIG_REPLY.</summary>
    public const byte GetConfigReply = 8;

    /// <summary>OFPT_SET_CONFIG.</summary>
    public const byte SetConfig = 9;

    /// <summary>OFPT_PACKET_IN.</summary>
    public const byte PacketIn = 10;

    /// <summary>OFPT_PORT_STATUS.</summary>
    public const byte PortStatus = 12;

    /// <summary>OFPT_PACKET_OUT.</summary>
    public const byte PacketOut = 13;

    /// <summary>OFPT_FLOW_MOD.</summary>
    public const byte FlowMod = 14;

    /// <summary>OFPT_ROLE_REQUEST (1.3 only).</summary>
    public const byte RoleRequest13 = 24;

    /// <summary>OFPT_ROLE_REPLY (1.3 only).</summary>
    public const byte RoleReply13 = 25;

    /// <summary>OFPET_HELLO_FAILED.</summary>
    public const ushort ErrHelloFailed = 0;

    /// <summary>OFPET_BAD_REQUEST.</summary>
    public const ushort ErrBadRequest = 1;

    /// <summary>OFPBRC_BAD_TYPE.</summary>
    public const ushort BadRequestBadType = 1;

    /// <summary>OFPBRC_BAD_STAT (1.0) / OFPBRC_BAD_MULTIPART (1.3).</summary>
    public const ushort BadRequestBadStat = 2;

    /// <summary>OFPBRC_BAD_VENDOR / OFPBRC_BAD_EXPERIMENTER.</summary>
    public const ushort BadRequestBadExperimenter = 3;

    /// <summary>OFPST_DESC / OFPMP_DESC.</summary>
    public const ushort StatsDesc = 0;

    /// <summary>OFPST_FLOW / OFPMP_FLOW.</summary>
    public const ushort StatsFlow = 1;

    /// <summary>OFPMP_PORT_DESC (1.3 only).</summary>
    public const ushort MultipartPortDesc = 13;

    /// <summary>OFPT_STATS_REQUEST (1.0) or OFPT_MULTIPART_REQUEST (1.3).</summary>
    public static byte StatsRequest(byte version) => version == V10 ? (byte)16 : (byte)18;

    /// <summary>OFPT_STATS_REPLY (1.0) or OFPT_MULTIPART_REPLY (1.3).</summary>
    public static byte StatsReply(byte version) => version == V10 ? (byte)17 : (byte)19;

    /// <summary>OFPT_BARRIER_REQUEST: 18 in 1.0, 20 in 1.3.</summary>
    public static byte BarrierRequest(byte version) => version == V10 ? (byte)18 : (byte)20;

    /// <summary>OFPT_BARRIER_REPLY: 19 in 1.0, 21 in 1.3.</summary>
    public static byte BarrierReply(byte version) => version == V10 ? (byte)19 : (byte)21;

    /// <summary>Offset of buffer_id in a FLOW_MOD: 64 in 1.0 (after the 40-byte ofp_match), 32 in 1.3.</summary>
    public static int FlowModBufferIdOffset(byte version) => version == V10 ? 64 : 32;

    /// <summary>Readable version, "1.0" or "1.3".</summary>
    public static string VersionName(byte version) => version switch
    {
        V10 => "1.0",
        V13 => "1.3",
        _ => $"0x{version:x2}",
    };

    /// <summary>Writes an ofp_header.</summary>
    public static void WriteHeader(Span<byte> s, byte version, byte type, int length, uint xid)
    {
        s[0] = version;
        s[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], xid);
    }

    /// <summary>Reads the length field of an ofp_header.</summary>
    public static int ReadLength(ReadOnlySpan<byte> s) => BinaryPrimitives.ReadUInt16BigEndian(s[2..]);

    /// <summary>Reads the xid of an ofp_header.</summary>
    public static uint ReadXid(ReadOnlySpan<byte> s) => BinaryPrimitives.ReadUInt32BigEndian(s[4..]);

    /// <summary>
    /// HELLO: plain 8 bytes for 1.0; for 1.3 with a version-bitmap element offering 1.3 only (as Open vSwitch does
    /// when configured for one version), so a controller speaking 1.0 and 1.3 picks 1.3.
    /// </summary>
    public static byte[] BuildHello(byte version, uint xid)
    {
        if (version == V10)
        {
            var h = new byte[8];
            WriteHeader(h, version, Hello, 8, xid);
            return h;
        }

        var m = new byte[16];
        WriteHeader(m, version, Hello, 16, xid);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(8), 1); // OFPHET_VERSIONBITMAP
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(10), 8);
        BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(12), 1u << version);
        return m;
    }

    /// <summary>The MAC address of port <paramref name="port"/> of switch <paramref name="switchIndex"/>.</summary>
    public static void PortMac(Span<byte> dst, int switchIndex, int port)
    {
        dst[0] = 0x02;
        dst[1] = 0xfe;
        dst[2] = (byte)(switchIndex >> 16);
        dst[3] = (byte)(switchIndex >> 8);
        dst[4] = (byte)switchIndex;
        dst[5] = (byte)port;
    }

    /// <summary>FEATURES_REPLY: 1.0 lists <paramref name="ports"/> ofp_phy_port entries; 1.3 has none (PORT_DESC has them).</summary>
    public static byte[] BuildFeaturesReply(byte version, uint xid, ulong dpid, int switchIndex, int ports)
    {
        var len = version == V10 ? 32 + (48 * ports) : 32;
        var m = new byte[len];
        WriteHeader(m, version, FeaturesReply, len, xid);
        BinaryPrimitives.WriteUInt64BigEndian(m.AsSpan(8), dpid);
        BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(16), 256); // n_buffers
        m[20] = version == V10 ? (byte)1 : (byte)254; // n_tables
        // 1.3: m[21] auxiliary_id = 0.
        BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(24), 0x00000007); // FLOW_STATS | TABLE_STATS | PORT_STATS
        if (version == V10)
        {
            BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(28), 0x00000fff); // every 1.0 action
            for (var p = 0; p < ports; p++)
            {
                var s = m.AsSpan(32 + (48 * p), 48);
                BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)(p + 1));
                PortMac(s[2..], switchIndex, p + 1);
                Encoding.ASCII.GetBytes($"s{switchIndex + 1}-eth{p + 1}", s.Slice(8, 15));
                BinaryPrimitives.WriteUInt32BigEndian(s[32..], 0x000000a0); // curr: 1GB_FD | COPPER
            }
        }

        return m;
    }

    /// <summary>1.3 MULTIPART_REPLY PORT_DESC with <paramref name="ports"/> ofp_port entries (64 bytes each).</summary>
    public static byte[] BuildPortDescReply(uint xid, int switchIndex, int ports)
    {
        var len = 16 + (64 * ports);
        var m = new byte[len];
        WriteHeader(m, V13, StatsReply(V13), len, xid);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(8), MultipartPortDesc);
        for (var p = 0; p < ports; p++)
        {
            var s = m.AsSpan(16 + (64 * p), 64);
            BinaryPrimitives.WriteUInt32BigEndian(s, (uint)(p + 1));
            PortMac(s[8..], switchIndex, p + 1);
            Encoding.ASCII.GetBytes($"s{switchIndex + 1}-eth{p + 1}", s.Slice(16, 15));
            BinaryPrimitives.WriteUInt32BigEndian(s[36..], 0x4); // state: LIVE
            BinaryPrimitives.WriteUInt32BigEndian(s[40..], 0x0820); // curr: 1GB_FD | COPPER
            BinaryPrimitives.WriteUInt32BigEndian(s[56..], 1_000_000); // curr_speed kbps
            BinaryPrimitives.WriteUInt32BigEndian(s[60..], 1_000_000);
        }

        return m;
    }

    /// <summary>STATS/MULTIPART reply DESC (1056-byte ofp_desc).</summary>
    public static byte[] BuildDescReply(byte version, uint xid, ulong dpid)
    {
        var head = version == V10 ? 12 : 16;
        var len = head + 1056;
        var m = new byte[len];
        WriteHeader(m, version, StatsReply(version), len, xid);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(8), StatsDesc);
        var d = m.AsSpan(head);
        Encoding.ASCII.GetBytes("sdn-loadgen", d[..255]);
        Encoding.ASCII.GetBytes("emulated switch", d.Slice(256, 255));
        Encoding.ASCII.GetBytes("sdn-loadgen", d.Slice(512, 255));
        Encoding.ASCII.GetBytes(dpid.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), d.Slice(768, 31));
        Encoding.ASCII.GetBytes($"dpid {dpid}", d.Slice(800, 255));
        return m;
    }

    /// <summary>STATS/MULTIPART reply of <paramref name="statsType"/> with an empty body (e.g. no flows).</summary>
    public static byte[] BuildEmptyStatsReply(byte version, uint xid, ushort statsType)
    {
        var len = version == V10 ? 12 : 16;
        var m = new byte[len];
        WriteHeader(m, version, StatsReply(version), len, xid);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(8), statsType);
        return m;
    }

    /// <summary>GET_CONFIG_REPLY: flags 0 (FRAG_NORMAL), miss_send_len 128.</summary>
    public static byte[] BuildGetConfigReply(byte version, uint xid)
    {
        var m = new byte[12];
        WriteHeader(m, version, GetConfigReply, 12, xid);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(10), 128);
        return m;
    }

    /// <summary>A header-only message (BARRIER_REPLY and the like).</summary>
    public static byte[] BuildEmpty(byte version, byte type, uint xid)
    {
        var m = new byte[8];
        WriteHeader(m, version, type, 8, xid);
        return m;
    }

    /// <summary>A copy of <paramref name="request"/> with the type replaced (ECHO_REPLY, ROLE_REPLY carry the request's body).</summary>
    public static byte[] BuildMirror(ReadOnlySpan<byte> request, byte type, byte version)
    {
        var m = request.ToArray();
        m[0] = version;
        m[1] = type;
        return m;
    }

    /// <summary>OFPT_ERROR carrying up to 64 bytes of the offending message.</summary>
    public static byte[] BuildError(byte version, uint xid, ushort type, ushort code, ReadOnlySpan<byte> offending)
    {
        var data = offending[..Math.Min(64, offending.Length)];
        var len = 12 + data.Length;
        var m = new byte[len];
        WriteHeader(m, version, Error, len, xid);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(8), type);
        BinaryPrimitives.WriteUInt16BigEndian(m.AsSpan(10), code);
        data.CopyTo(m.AsSpan(12));
        return m;
    }
}
