namespace Sdn.OpenFlow.Messages;

/// <summary>OFPT_ECHO_REQUEST (OpenFlow 1.3.5 §7.5.2): keep-alive probe; arbitrary payload that the reply must echo.</summary>
/// <param name="Data">Payload, echoed back byte for byte.</param>
public sealed record EchoRequest(ValueArray<byte> Data) : OfpMessage;

/// <summary>OFPT_ECHO_REPLY (OpenFlow 1.3.5 §7.5.3): answers an echo request with the same xid and payload.</summary>
/// <param name="Data">The request's payload.</param>
public sealed record EchoReply(ValueArray<byte> Data) : OfpMessage;
