using System.Net;
using System.Net.Sockets;

namespace Sdn.Packets;

/// <summary>Copies between <see cref="IPAddress"/> and the network-order bytes the address structs read and write.</summary>
internal static class IPAddressBytes
{
    /// <summary>Writes the address bytes into <paramref name="destination"/> after checking the family.</summary>
    /// <exception cref="ArgumentException">The address is of another family.</exception>
    public static void Copy(IPAddress address, AddressFamily family, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != family)
        {
            throw new ArgumentException($"{address} is not of family {family}.", nameof(address));
        }

        address.TryWriteBytes(destination, out _);
    }
}
