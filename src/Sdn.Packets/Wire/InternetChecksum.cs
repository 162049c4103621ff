using System.Buffers.Binary;

namespace Sdn.Packets;

/// <summary>
/// The 16-bit one's complement Internet checksum (RFC 1071 §1; used by IPv4 RFC 791 §3.1, ICMP RFC 792, UDP RFC 768,
/// TCP RFC 9293 §3.1, ICMPv6 RFC 4443 §2.3), optionally over a <see cref="PseudoHeader"/>.
/// </summary>
public static class InternetChecksum
{
    /// <summary>The checksum to store in a header: the complement of the folded sum of <paramref name="data"/> (odd length padded with zero).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Fold(Sum(0, data));

    /// <summary>True when <paramref name="data"/>, checksum field included, sums to all ones (the check of RFC 1071 §1 step 3).</summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Fold(Sum(0, data)) == 0xffff;

    /// <summary>
    /// True when the upper-layer message <paramref name="segment"/> (checksum field included) verifies over the pseudo
    /// header for <paramref name="protocol"/> and the segment length. A UDP-over-IPv4 checksum of zero means "not
    /// computed" (RFC 768) and is valid.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> segment, PseudoHeader pseudoHeader, IpProtocol protocol)
    {
        if (protocol == IpProtocol.Udp && !pseudoHeader.IsIPv6 && segment.Length >= 8 && BinaryPrimitives.ReadUInt16BigEndian(segment[6..]) == 0)
        {
            return true;
        }

        return Fold(Sum(pseudoHeader.Sum(protocol, segment.Length), segment)) == 0xffff;
    }

    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words to <paramref name="sum"/>.</summary>
    internal static ulong Sum(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a wide sum to 16 bits with end-around carry.</summary>
    internal static ushort Fold(ulong sum)
    {
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>Zeroes the checksum field at <paramref name="offset"/>, then writes the checksum of <paramref name="message"/> over <paramref name="seed"/>.</summary>
    internal static ushort Write(Span<byte> message, int offset, ulong seed)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message[offset..], 0);
        var checksum = (ushort)~Fold(Sum(seed, message));
        BinaryPrimitives.WriteUInt16BigEndian(message[offset..], checksum);
        return checksum;
    }
}
