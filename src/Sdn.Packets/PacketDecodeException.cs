namespace Sdn.Packets;

/// <summary>
/// Thrown when packet bytes are malformed: truncated headers, lengths that point past the buffer,
/// or field values a header's specification forbids. Never thrown for merely unknown EtherTypes or
/// protocols (those are carried as opaque payload).
/// </summary>
public sealed class PacketDecodeException : Exception
{
    /// <summary>Creates the exception with a message naming the header and the problem.</summary>
    /// <param name="message">What is wrong, e.g. "IPv4: header length 4 words (minimum 5)".</param>
    public PacketDecodeException(string message) : base(message) { }
}
