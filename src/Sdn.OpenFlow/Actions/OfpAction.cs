using Sdn.OpenFlow.Matching;

namespace Sdn.OpenFlow.Actions;

/// <summary>
/// An action (OpenFlow 1.3.5 §7.2.5 <c>ofp_action_header</c> and the structures after it). Records are
/// version-neutral; the OpenFlow 1.0 codec maps those 1.0 has (output, set-field on header fields, VLAN ops).
/// </summary>
public abstract record OfpAction;

/// <summary>OFPAT_OUTPUT (type 0, 16 bytes): send out <paramref name="Port"/>.</summary>
/// <param name="Port">Output port, physical or reserved.</param>
/// <param name="MaxLength">For <see cref="PortNumber.Controller"/>: bytes of the packet to send (0xffff = <c>OFPCML_NO_BUFFER</c>, the whole packet).</param>
public sealed record OutputAction(PortNumber Port, ushort MaxLength = OutputAction.NoBuffer) : OfpAction
{
    /// <summary><c>OFPCML_NO_BUFFER</c> (0xffff): send the whole packet to the controller, do not buffer it.</summary>
    public const ushort NoBuffer = 0xffff;

    /// <summary>ovs-ofctl style: <c>output:2</c>, <c>CONTROLLER:65535</c>.</summary>
    public override string ToString() => Port == PortNumber.Controller ? $"CONTROLLER:{MaxLength}" : Port.IsPhysical ? $"output:{Port}" : Port.ToString();
}

/// <summary>OFPAT_COPY_TTL_OUT (type 11): copy TTL outwards, from next-to-outermost to outermost header.</summary>
public sealed record CopyTtlOutAction : OfpAction;

/// <summary>OFPAT_COPY_TTL_IN (type 12): copy TTL inwards.</summary>
public sealed record CopyTtlInAction : OfpAction;

/// <summary>OFPAT_SET_MPLS_TTL (type 15).</summary>
/// <param name="Ttl">New MPLS TTL.</param>
public sealed record SetMplsTtlAction(byte Ttl) : OfpAction;

/// <summary>OFPAT_DEC_MPLS_TTL (type 16).</summary>
public sealed record DecMplsTtlAction : OfpAction;

/// <summary>OFPAT_PUSH_VLAN (type 17): push an 802.1Q/802.1ad tag.</summary>
/// <param name="EtherType">Tag EtherType (0x8100 or 0x88a8).</param>
public sealed record PushVlanAction(ushort EtherType = 0x8100) : OfpAction;

/// <summary>OFPAT_POP_VLAN (type 18): pop the outermost VLAN tag.</summary>
public sealed record PopVlanAction : OfpAction;

/// <summary>OFPAT_PUSH_MPLS (type 19).</summary>
/// <param name="EtherType">0x8847 or 0x8848.</param>
public sealed record PushMplsAction(ushort EtherType = 0x8847) : OfpAction;

/// <summary>OFPAT_POP_MPLS (type 20).</summary>
/// <param name="EtherType">EtherType of the payload after the pop.</param>
public sealed record PopMplsAction(ushort EtherType) : OfpAction;

/// <summary>OFPAT_SET_QUEUE (type 21).</summary>
/// <param name="QueueId">Queue id on the output port.</param>
public sealed record SetQueueAction(uint QueueId) : OfpAction;

/// <summary>OFPAT_GROUP (type 22): process the packet through a group.</summary>
/// <param name="Group">Group id.</param>
public sealed record GroupAction(GroupId Group) : OfpAction;

/// <summary>OFPAT_SET_NW_TTL (type 23).</summary>
/// <param name="Ttl">New IP TTL.</param>
public sealed record SetNwTtlAction(byte Ttl) : OfpAction;

/// <summary>OFPAT_DEC_NW_TTL (type 24).</summary>
public sealed record DecNwTtlAction : OfpAction;

/// <summary>OFPAT_SET_FIELD (type 25): rewrite one header field, given as an OXM TLV without mask.</summary>
/// <param name="Field">The field and its new value.</param>
public sealed record SetFieldAction(OxmField Field) : OfpAction
{
    /// <summary><c>set_field:value-&gt;field</c>.</summary>
    public override string ToString() => $"set_field:{Field}";
}

/// <summary>OFPAT_PUSH_PBB (type 26).</summary>
/// <param name="EtherType">0x88e7.</param>
public sealed record PushPbbAction(ushort EtherType = 0x88e7) : OfpAction;

/// <summary>OFPAT_POP_PBB (type 27).</summary>
public sealed record PopPbbAction : OfpAction;

/// <summary>
/// OpenFlow 1.0 OFPAT_ENQUEUE (type 11, 16 bytes; OpenFlow 1.0.0 §5.2.4 <c>ofp_action_enqueue</c>): output to a queue of
/// a port. OpenFlow 1.0 only: the 1.3 codec rejects it with <see cref="OpenFlowEncodeException"/> (in 1.3 use
/// <see cref="SetQueueAction"/> followed by <see cref="OutputAction"/>).
/// </summary>
/// <param name="Port">Port the queue belongs to (physical, or <see cref="PortNumber.InPort"/>).</param>
/// <param name="QueueId">Queue id on that port.</param>
public sealed record EnqueueAction(PortNumber Port, uint QueueId) : OfpAction
{
    /// <summary>ovs-ofctl style: <c>enqueue:2:1</c>.</summary>
    public override string ToString() => $"enqueue:{Port}:{QueueId}";
}

/// <summary>OFPAT_EXPERIMENTER (type 0xffff): experimenter id and opaque data (padding included as received).</summary>
/// <param name="Experimenter">Experimenter id.</param>
/// <param name="Data">Bytes after the experimenter id.</param>
public sealed record ExperimenterAction(uint Experimenter, ValueArray<byte> Data) : OfpAction;

/// <summary>An action type this library does not know, kept whole.</summary>
/// <param name="Type">Action type.</param>
/// <param name="Body">Bytes after the 4-byte type/length header.</param>
public sealed record UnknownAction(ushort Type, ValueArray<byte> Body) : OfpAction;
