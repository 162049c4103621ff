namespace Sdn.OpenFlow.Messages;

/// <summary>
/// A message whose type this library does not decode, kept whole so nothing is dropped silently: the channel
/// answers it with <c>BAD_REQUEST/BAD_TYPE</c> when the spec calls for it, and can forward or log it.
/// </summary>
/// <param name="Version">Header version byte.</param>
/// <param name="Type">Header type byte.</param>
/// <param name="Body">Bytes after the 8-byte header.</param>
public sealed record UnknownMessage(byte Version, byte Type, ValueArray<byte> Body) : OfpMessage;
