using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sdn.LoadGen;

/// <summary>
/// One switch's endless sequence of buffered OFPT_PACKET_IN messages, cbench style: reason NO_MATCH, buffer_id and
/// xid counting up, in_port cycling 1..ports, and a 64-byte Ethernet/IPv4/UDP frame whose source MAC cycles through
/// the switch's own range of <c>macs</c> addresses. The destination MAC is the previous packet's source (already
/// learned, on another port), so a learning switch answers with one FLOW_MOD carrying the buffer_id — except the very
/// first packet, whose destination is not yet known (flood: a PACKET_OUT).
/// </summary>
/// <remarks>
/// MAC of index m on switch s: <c>02:s1:s0:m2:m1:m0</c> (s = switch index, 16 bits; m &lt; 2^24), locally administered
/// unicast, distinct per switch. Messages are laid out once as templates; producing the next one patches 5 fields.
/// </remarks>
public sealed class PacketInStream
{
    /// <summary>Length of the Ethernet frame carried in each PACKET_IN.</summary>
    public const int FrameLength = 64;

    private readonly byte _version;
    private readonly int _macs;
    private readonly int _ports;
    private readonly int _switchIndex;
    private readonly int _dataOffset;
    private readonly int _inPortOffset;
    private uint _seq;
    private int _mac;

    /// <summary>Creates the stream for one switch.</summary>
    /// <param name="version">Wire version (1.0 or 1.3).</param>
    /// <param name="switchIndex">0-based switch index (selects the MAC range).</param>
    /// <param name="macs">Distinct source MACs (1..2^24).</param>
    /// <param name="ports">in_port cycles over 1..ports.</param>
    public PacketInStream(byte version, int switchIndex, int macs, int ports)
    {
        _version = version;
        _switchIndex = switchIndex;
        _macs = macs;
        _ports = ports;
        // 1.0: header(8) buffer_id(4) total_len(2) in_port(2) reason(1) pad(1) data.
        // 1.3: header(8) buffer_id(4) total_len(2) reason(1) table_id(1) cookie(8) match{type 1, len 12, OXM in_port}
        //      padded to 16, pad(2), data.
        (_dataOffset, _inPortOffset) = version == Wire.V10 ? (18, 14) : (42, 32);
        MessageLength = _dataOffset + FrameLength;
    }

    /// <summary>Bytes per PACKET_IN: 82 for 1.0, 106 for 1.3.</summary>
    public int MessageLength { get; }

    /// <summary>PACKET_INs produced so far.</summary>
    public uint Produced => _seq;

    /// <summary>Fills <paramref name="buffer"/> with <paramref name="count"/> copies of the template (do once, then <see cref="Patch"/>).</summary>
    public void WriteTemplates(Span<byte> buffer, int count)
    {
        var one = buffer[..MessageLength];
        one.Clear();
        Wire.WriteHeader(one, _version, Wire.PacketIn, MessageLength, 0);
        BinaryPrimitives.WriteUInt16BigEndian(one[12..], FrameLength); // total_len
        if (_version == Wire.V13)
        {
            one[14] = 0; // reason NO_MATCH
            one[15] = 0; // table 0
            BinaryPrimitives.WriteUInt16BigEndian(one[24..], 1); // OFPMT_OXM
            BinaryPrimitives.WriteUInt16BigEndian(one[26..], 12);
            BinaryPrimitives.WriteUInt32BigEndian(one[28..], 0x80000004); // OXM_OF_IN_PORT, length 4
        }
        else
        {
            one[16] = 0; // reason NO_MATCH
        }

        WriteFrame(one[_dataOffset..]);
        for (var i = 1; i < count; i++)
        {
            one.CopyTo(buffer[(i * MessageLength)..]);
        }
    }

    /// <summary>Makes the <paramref name="count"/> templates in <paramref name="buffer"/> the next PACKET_INs.</summary>
    /// <returns>The buffer_id of the last one.</returns>
    public uint Patch(Span<byte> buffer, int count)
    {
        if ((long)count * MessageLength > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        ref var b = ref MemoryMarshal.GetReference(buffer);
        var seq = _seq;
        var mac = _mac;
        var prev = mac == 0 ? _macs - 1 : mac - 1;
        var macHigh = (uint)(byte)_switchIndex << 24;
        var d = _dataOffset;
        var p = _inPortOffset;
        var v10 = _version == Wire.V10;
        for (var i = 0; i < count; i++)
        {
            ref var m = ref Unsafe.Add(ref b, i * MessageLength);
            seq++;
            var id = seq & 0x7fffffff;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref m, 4), BinaryPrimitives.ReverseEndianness(seq)); // xid
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref m, 8), BinaryPrimitives.ReverseEndianness(id)); // buffer_id
            var port = (uint)(mac % _ports) + 1;
            if (v10)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref m, p), BinaryPrimitives.ReverseEndianness((ushort)port));
            }
            else
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref m, p), BinaryPrimitives.ReverseEndianness(port));
            }

            // dst = bytes d..d+5, src = d+6..d+11; the low 4 bytes of each are (switch low byte, mac index 24 bits).
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref m, d + 2), BinaryPrimitives.ReverseEndianness(macHigh | (uint)prev));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref m, d + 8), BinaryPrimitives.ReverseEndianness(macHigh | (uint)mac));
            prev = mac;
            mac = mac + 1 == _macs ? 0 : mac + 1;
        }

        _seq = seq;
        _mac = mac;
        return seq & 0x7fffffff;
    }

    /// <summary>The 64-byte frame: Ethernet II, IPv4 192.168.0.40 → 192.168.1.40 (checksum valid), UDP 5000 → 6000.</summary>
    private void WriteFrame(Span<byte> f)
    {
        f[..FrameLength].Clear();
        f[0] = 0x02;
        f[1] = (byte)(_switchIndex >> 8);
        f[2] = (byte)_switchIndex;
        f[6] = 0x02;
        f[7] = (byte)(_switchIndex >> 8);
        f[8] = (byte)_switchIndex;
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], 0x0800);
        var ip = f.Slice(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 50); // total length: 20 + 8 + 22
        ip[8] = 64; // ttl
        ip[9] = 17; // UDP
        ip[12] = 192;
        ip[13] = 168;
        ip[14] = 0;
        ip[15] = 40;
        ip[16] = 192;
        ip[17] = 168;
        ip[18] = 1;
        ip[19] = 40;
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
        var udp = f.Slice(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 5000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], 30); // 8 + 22 bytes payload; checksum 0 = none
        "sdn-loadgen cbench pkt"u8.CopyTo(f[42..]);
    }
}
