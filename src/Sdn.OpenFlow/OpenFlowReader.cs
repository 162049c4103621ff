using System.Buffers;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow;

/// <summary>
/// Reads typed messages off a received byte sequence: frames with <see cref="OfpFramer"/>, then decodes with a
/// version's codec (before negotiation: HELLO, ERROR and ECHO_REQUEST, whose layouts every version shares). A malformed <em>body</em> does not stop the stream: it comes back as a
/// <see cref="DecodeResult"/> with <see cref="DecodeResult.Error"/> set, so the caller can answer with OFPT_ERROR
/// and go on. A bad <em>length</em> cannot be skipped and throws.
/// </summary>
public static class OpenFlowReader
{
    /// <summary>How many leading bytes of a bad message are kept for the OFPT_ERROR data (OpenFlow 1.3.5 §7.4.4: at least 64).</summary>
    public const int ErrorDataLength = 64;

    /// <summary>Tries to read one message.</summary>
    /// <param name="buffer">Received bytes; advanced past the message on success.</param>
    /// <param name="codec">The negotiated version's codec; <c>null</c> before negotiation (only HELLO and ERROR are decoded then).</param>
    /// <param name="result">The message or the decode error.</param>
    /// <param name="maxLength">Largest accepted message, bytes.</param>
    /// <returns>False when more bytes are needed.</returns>
    /// <exception cref="OpenFlowDecodeException">The header's length is impossible; the connection cannot continue.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, IOpenFlowCodec? codec, out DecodeResult result, int maxLength = OfpFramer.MaxMessageLength)
    {
        if (!OfpFramer.TryReadFrame(ref buffer, out var header, out var frame, maxLength))
        {
            result = default;
            return false;
        }

        if (frame.IsSingleSegment)
        {
            result = Decode(header, frame.FirstSpan, codec);
            return true;
        }

        var rented = ArrayPool<byte>.Shared.Rent(header.Length);
        try
        {
            frame.CopyTo(rented);
            result = Decode(header, rented.AsSpan(0, header.Length), codec);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes one whole frame; never throws for bad input.</summary>
    public static DecodeResult Decode(OfpHeader header, ReadOnlySpan<byte> frame, IOpenFlowCodec? codec)
    {
        try
        {
            OfpMessage message = header.Type switch
            {
                CommonCodec.HelloType => CommonCodec.DecodeHello(frame),
                CommonCodec.ErrorType when codec is null => CommonCodec.DecodeError(frame),
                CommonCodec.EchoRequestType when codec is null => new EchoRequest(ValueArray.Create(frame[OfpHeader.Size..])) { Xid = header.Xid },
                _ when codec is not null && header.Version == (byte)codec.Version => codec.Decode(frame),
                _ when codec is not null => throw OpenFlowDecodeException.BadRequest(
                    BadRequestCode.BadVersion, $"version 0x{header.Version:x2} on a connection negotiated at 0x{(byte)codec.Version:x2}"),
                _ => new UnknownMessage(header.Version, header.Type, ValueArray.Create(frame[OfpHeader.Size..])) { Xid = header.Xid },
            };
            return new DecodeResult(header, message, null, default);
        }
        catch (OpenFlowDecodeException ex)
        {
            return new DecodeResult(header, null, ex, ValueArray.Create(frame[..Math.Min(frame.Length, ErrorDataLength)]));
        }
    }
}

/// <summary>The outcome of reading one framed message.</summary>
/// <param name="Header">The message header.</param>
/// <param name="Message">The decoded message, or null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the body could not be decoded.</param>
/// <param name="OffendingBytes">The first bytes of the bad message (for OFPT_ERROR data).</param>
public readonly record struct DecodeResult(OfpHeader Header, OfpMessage? Message, OpenFlowDecodeException? Error, ValueArray<byte> OffendingBytes);
