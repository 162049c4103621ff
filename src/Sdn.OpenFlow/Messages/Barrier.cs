namespace Sdn.OpenFlow.Messages;

/// <summary>OFPT_BARRIER_REQUEST (OpenFlow 1.3.5 §7.3.8): the switch answers once every earlier message is processed. No body.</summary>
public sealed record BarrierRequest : OfpMessage;

/// <summary>OFPT_BARRIER_REPLY (OpenFlow 1.3.5 §7.3.8), with the xid of the barrier request. No body.</summary>
public sealed record BarrierReply : OfpMessage;
