using System.Buffers;
using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow;

/// <summary>
/// Maps message records to and from one OpenFlow version's wire format. Pure: no I/O, no state; safe to share
/// between threads.
/// </summary>
public interface IOpenFlowCodec
{
    /// <summary>The version this codec speaks (the header version byte it writes and expects).</summary>
    OfpVersion Version { get; }

    /// <summary>Decodes exactly one whole message (header included); the frame must be as long as the header says.</summary>
    /// <param name="frame">One message, as cut by <see cref="Wire.OfpFramer"/>.</param>
    /// <returns>The typed message; types the codec does not model come back as <see cref="UnknownMessage"/>.</returns>
    /// <exception cref="Wire.OpenFlowDecodeException">Malformed message (the only exception thrown for bad input).</exception>
    OfpMessage Decode(ReadOnlySpan<byte> frame);

    /// <summary>Exact encoded length of <paramref name="message"/> in bytes, header included.</summary>
    /// <exception cref="OpenFlowEncodeException">The message cannot be expressed in this version, or is longer than 65535 bytes.</exception>
    int GetLength(OfpMessage message);

    /// <summary>Encodes <paramref name="message"/> into <paramref name="destination"/>.</summary>
    /// <returns>Bytes written (= <see cref="GetLength(OfpMessage)"/>).</returns>
    /// <exception cref="OpenFlowEncodeException">The message cannot be expressed in this version.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    int Write(OfpMessage message, Span<byte> destination);

    /// <summary>Exact encoded length of a <see cref="Flows.FlowRule"/> FLOW_MOD in bytes.</summary>
    /// <exception cref="OpenFlowEncodeException">The rule cannot be expressed in this version.</exception>
    int GetLength(in Flows.FlowRule rule);

    /// <summary>Encodes a <see cref="Flows.FlowRule"/> as FLOW_MOD without allocating; same bytes as <see cref="Flows.FlowRule.ToFlowMod"/>.</summary>
    /// <returns>Bytes written.</returns>
    /// <exception cref="OpenFlowEncodeException">The rule cannot be expressed in this version.</exception>
    int Write(in Flows.FlowRule rule, Xid xid, Span<byte> destination);

    /// <summary>Exact encoded length of a <see cref="Flows.PacketOutSpec"/> PACKET_OUT in bytes.</summary>
    int GetLength(in Flows.PacketOutSpec packetOut);

    /// <summary>Encodes a <see cref="Flows.PacketOutSpec"/> as PACKET_OUT without allocating; same bytes as <see cref="Flows.PacketOutSpec.ToPacketOut"/>.</summary>
    /// <returns>Bytes written.</returns>
    int Write(in Flows.PacketOutSpec packetOut, Xid xid, Span<byte> destination);
}

/// <summary>Helpers over <see cref="IOpenFlowCodec"/>.</summary>
public static class OpenFlowCodecExtensions
{
    /// <summary>Encodes <paramref name="message"/> straight into <paramref name="output"/> with one <c>GetSpan</c>/<c>Advance</c>.</summary>
    /// <returns>Bytes written.</returns>
    /// <exception cref="OpenFlowEncodeException">The message cannot be expressed in this version.</exception>
    public static int Write(this IOpenFlowCodec codec, OfpMessage message, IBufferWriter<byte> output)
    {
        var length = codec.GetLength(message);
        var span = output.GetSpan(length);
        var written = codec.Write(message, span);
        output.Advance(written);
        return written;
    }

    /// <summary>Encodes into a new array (tests and tools; the hot path writes into pipes).</summary>
    public static byte[] Encode(this IOpenFlowCodec codec, OfpMessage message)
    {
        var bytes = new byte[codec.GetLength(message)];
        codec.Write(message, bytes);
        return bytes;
    }
}

/// <summary>A message that cannot be encoded in the chosen version (e.g. a group action in OpenFlow 1.0), or is too long.</summary>
public sealed class OpenFlowEncodeException : Exception
{
    /// <summary>Creates the exception with a message for people.</summary>
    public OpenFlowEncodeException(string message)
        : base(message)
    {
    }
}
