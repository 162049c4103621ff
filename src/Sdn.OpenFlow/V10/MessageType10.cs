namespace Sdn.OpenFlow.V10;

#pragma warning disable CS1591 // Members are the spec's OFPT_* names.

/// <summary>OpenFlow 1.0 message types (OpenFlow 1.0.0 §5.1 <c>enum ofp_type</c>).</summary>
public enum MessageType10 : byte
{
    Hello = 0, Error = 1, EchoRequest = 2, EchoReply = 3, Vendor = 4,
    FeaturesRequest = 5, FeaturesReply = 6, GetConfigRequest = 7, GetConfigReply = 8, SetConfig = 9,
    PacketIn = 10, FlowRemoved = 11, PortStatus = 12,
    PacketOut = 13, FlowMod = 14, PortMod = 15,
    StatsRequest = 16, StatsReply = 17,
    BarrierRequest = 18, BarrierReply = 19,
    QueueGetConfigRequest = 20, QueueGetConfigReply = 21,
}

#pragma warning restore CS1591
