using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sdn.Packets;

/// <summary>
/// An IPv4 address (RFC 791 §3.1, source/destination address fields): 32 bits held in a <see cref="uint"/> in host
/// order, the first octet on the wire being the most significant. Allocation-free, unlike <see cref="IPAddress"/>.
/// </summary>
/// <param name="Value">The address as a 32-bit integer (<c>10.0.0.1</c> is <c>0x0a000001</c>).</param>
public readonly record struct IPv4Address(uint Value)
{
    /// <summary>Size of an IPv4 address on the wire: 4 bytes.</summary>
    public const int Size = 4;

    /// <summary><c>0.0.0.0</c>.</summary>
    public static readonly IPv4Address Any = new(0);

    /// <summary><c>255.255.255.255</c>.</summary>
    public static readonly IPv4Address Broadcast = new(uint.MaxValue);

    /// <summary>Reads 4 bytes in network order.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is shorter than 4 bytes.</exception>
    public static IPv4Address Read(ReadOnlySpan<byte> bytes) => bytes.Length < Size
        ? throw new ArgumentException("An IPv4 address needs 4 bytes.", nameof(bytes))
        : new IPv4Address(BinaryPrimitives.ReadUInt32BigEndian(bytes));

    /// <summary>Writes 4 bytes in network order.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 4 bytes.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("An IPv4 address needs 4 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, Value);
    }

    /// <summary>Parses dotted-quad text (<c>10.0.0.1</c>).</summary>
    /// <exception cref="FormatException">Not four decimal octets.</exception>
    public static IPv4Address Parse(string text) => TryParse(text, out var a)
        ? a
        : throw new FormatException($"'{text}' is not an IPv4 address (four decimal octets).");

    /// <summary>Parses dotted-quad text; false (and <see cref="Any"/>) when it is not four decimal octets 0–255.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IPv4Address address)
    {
        address = Any;
        uint value = 0;
        var octets = 0;
        var digits = 0;
        uint octet = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || octets == 3)
                {
                    return false;
                }

                value = (value << 8) | octet;
                octets++;
                digits = 0;
                octet = 0;
            }
            else if (c is >= '0' and <= '9' && digits < 3)
            {
                octet = (octet * 10) + (uint)(c - '0');
                digits++;
                if (octet > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || octets != 3)
        {
            return false;
        }

        address = new IPv4Address((value << 8) | octet);
        return true;
    }

    /// <summary>Converts from an <see cref="IPAddress"/> of family InterNetwork.</summary>
    /// <exception cref="ArgumentException">The address is not IPv4.</exception>
    public static IPv4Address FromIPAddress(IPAddress address)
    {
        Span<byte> b = stackalloc byte[Size];
        IPAddressBytes.Copy(address, AddressFamily.InterNetwork, b);
        return Read(b);
    }

    /// <summary>Converts to an <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> b = stackalloc byte[Size];
        Write(b);
        return new IPAddress(b);
    }

    /// <summary>Dotted-quad text, <c>10.0.0.1</c>.</summary>
    public override string ToString() =>
        $"{Value >> 24}.{(Value >> 16) & 0xff}.{(Value >> 8) & 0xff}.{Value & 0xff}";
}
