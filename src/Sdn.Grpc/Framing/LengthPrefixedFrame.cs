using System.Buffers;

namespace Sdn.Grpc;

/// <summary>
/// One Length-Prefixed-Message (PROTOCOL-HTTP2.md "Requests": Compressed-Flag, 4-byte big-endian Message-Length,
/// Message).
/// </summary>
/// <param name="Compressed">The Compressed-Flag was 1: the payload is encoded with the call's grpc-encoding.</param>
/// <param name="Length">The declared Message-Length in bytes.</param>
/// <param name="Payload">The message bytes (empty when the frame was rejected for its size); a slice of the input,
/// valid only while the input buffer is.</param>
public readonly record struct LengthPrefixedFrame(bool Compressed, uint Length, ReadOnlySequence<byte> Payload);
