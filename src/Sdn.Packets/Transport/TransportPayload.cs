namespace Sdn.Packets;

/// <summary>
/// Base of the upper-layer records an IP packet carries (UDP, TCP, ICMP, ICMPv6): their checksums depend on the IP
/// addresses, so they are written against a <see cref="PseudoHeader"/> (RFC 9293 §3.1, RFC 768, RFC 8200 §8.1).
/// </summary>
public abstract record TransportPayload
{
    /// <summary>The IPv4 protocol / IPv6 next header that announces this payload.</summary>
    public abstract IpProtocol Protocol { get; }

    /// <summary>Size of the wire image in bytes (header and data).</summary>
    public abstract int Length { get; }

    /// <summary>The wire image with its checksum computed over <paramref name="pseudoHeader"/>.</summary>
    public byte[] ToArray(PseudoHeader pseudoHeader)
    {
        var bytes = new byte[Length];
        WriteCore(bytes, pseudoHeader);
        return bytes;
    }

    /// <summary>Writes exactly <see cref="Length"/> bytes, checksum computed over <paramref name="pseudoHeader"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public void WriteTo(Span<byte> destination, PseudoHeader pseudoHeader)
    {
        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"{GetType().Name} needs {length} bytes, destination has {destination.Length}.", nameof(destination));
        }

        WriteCore(destination[..length], pseudoHeader);
    }

    /// <summary>Writes the wire image into <paramref name="destination"/> (exactly <see cref="Length"/> bytes), checksum included.</summary>
    protected abstract void WriteCore(Span<byte> destination, PseudoHeader pseudoHeader);
}
