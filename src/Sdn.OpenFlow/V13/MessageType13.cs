namespace Sdn.OpenFlow.V13;

#pragma warning disable CS1591 // Members are the spec's OFPT_* names.

/// <summary>OpenFlow 1.3 message types (OpenFlow 1.3.5 §7.1 <c>enum ofp_type</c>).</summary>
public enum MessageType13 : byte
{
    Hello = 0, Error = 1, EchoRequest = 2, EchoReply = 3, Experimenter = 4,
    FeaturesRequest = 5, FeaturesReply = 6, GetConfigRequest = 7, GetConfigReply = 8, SetConfig = 9,
    PacketIn = 10, FlowRemoved = 11, PortStatus = 12,
    PacketOut = 13, FlowMod = 14, GroupMod = 15, PortMod = 16, TableMod = 17,
    MultipartRequest = 18, MultipartReply = 19,
    BarrierRequest = 20, BarrierReply = 21,
    QueueGetConfigRequest = 22, QueueGetConfigReply = 23,
    RoleRequest = 24, RoleReply = 25,
    GetAsyncRequest = 26, GetAsyncReply = 27, SetAsync = 28,
    MeterMod = 29,
}

#pragma warning restore CS1591
