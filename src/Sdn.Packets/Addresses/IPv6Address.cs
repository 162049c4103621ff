using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sdn.Packets;

/// <summary>
/// An IPv6 address (RFC 8200 §3, RFC 4291 §2): 128 bits held as two <see cref="ulong"/> halves, <paramref name="High"/>
/// being the first 8 bytes on the wire. Allocation-free, unlike <see cref="IPAddress"/>.
/// </summary>
/// <param name="High">Bytes 0–7 of the address, big-endian.</param>
/// <param name="Low">Bytes 8–15 of the address, big-endian.</param>
public readonly record struct IPv6Address(ulong High, ulong Low)
{
    /// <summary>Size of an IPv6 address on the wire: 16 bytes.</summary>
    public const int Size = 16;

    /// <summary><c>::</c>.</summary>
    public static readonly IPv6Address Any = new(0, 0);

    /// <summary>True for <c>fe80::/10</c> (RFC 4291 §2.5.6).</summary>
    public bool IsLinkLocal => (High >> 54) == 0x3fa;

    /// <summary>True for <c>ff00::/8</c> (RFC 4291 §2.7).</summary>
    public bool IsMulticast => (High >> 56) == 0xff;

    /// <summary>Reads 16 bytes in network order.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is shorter than 16 bytes.</exception>
    public static IPv6Address Read(ReadOnlySpan<byte> bytes) => bytes.Length < Size
        ? throw new ArgumentException("An IPv6 address needs 16 bytes.", nameof(bytes))
        : new IPv6Address(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Writes 16 bytes in network order.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 16 bytes.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("An IPv6 address needs 16 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>The solicited-node multicast address <c>ff02::1:ffXX:XXXX</c> for this address (RFC 4291 §2.7.1).</summary>
    public IPv6Address SolicitedNodeMulticast => new(0xff02_0000_0000_0000UL, 0x0000_0001_ff00_0000UL | (Low & 0xff_ffff));

    /// <summary>Parses RFC 4291 §2.2 text (<c>fe80::1</c>); a zone suffix (<c>%eth0</c>) is rejected.</summary>
    /// <exception cref="FormatException">Not IPv6 text.</exception>
    public static IPv6Address Parse(string text) => TryParse(text, out var a)
        ? a
        : throw new FormatException($"'{text}' is not an IPv6 address.");

    /// <summary>Parses RFC 4291 §2.2 text; false (and <see cref="Any"/>) when it is not an IPv6 address.</summary>
    public static bool TryParse(string? text, out IPv6Address address)
    {
        address = Any;
        if (text is null || text.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = FromIPAddress(ip);
        return true;
    }

    /// <summary>Converts from an <see cref="IPAddress"/> of family InterNetworkV6 (the scope id is dropped).</summary>
    /// <exception cref="ArgumentException">The address is not IPv6.</exception>
    public static IPv6Address FromIPAddress(IPAddress address)
    {
        Span<byte> b = stackalloc byte[Size];
        IPAddressBytes.Copy(address, AddressFamily.InterNetworkV6, b);
        return Read(b);
    }

    /// <summary>Converts to an <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> b = stackalloc byte[Size];
        Write(b);
        return new IPAddress(b);
    }

    /// <summary>RFC 5952 canonical text (<c>fe80::1</c>); allocates.</summary>
    public override string ToString() => ToIPAddress().ToString();
}
