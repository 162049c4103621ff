using Sdn.OpenFlow.Actions;

namespace Sdn.OpenFlow.Instructions;

/// <summary>An instruction of a flow entry (OpenFlow 1.3.5 §7.2.4 <c>ofp_instruction</c>).</summary>
public abstract record OfpInstruction;

/// <summary>OFPIT_GOTO_TABLE (type 1, 8 bytes).</summary>
/// <param name="TableId">Next table; must be greater than the current one.</param>
public sealed record GotoTableInstruction(byte TableId) : OfpInstruction;

/// <summary>OFPIT_WRITE_METADATA (type 2, 24 bytes).</summary>
/// <param name="Metadata">Value to write.</param>
/// <param name="Mask">Bits of metadata to change.</param>
public sealed record WriteMetadataInstruction(ulong Metadata, ulong Mask) : OfpInstruction;

/// <summary>OFPIT_WRITE_ACTIONS (type 3): merge actions into the action set.</summary>
/// <param name="Actions">Actions to write.</param>
public sealed record WriteActionsInstruction(ValueArray<OfpAction> Actions) : OfpInstruction;

/// <summary>OFPIT_APPLY_ACTIONS (type 4): apply actions immediately, in order.</summary>
/// <param name="Actions">Actions to apply.</param>
public sealed record ApplyActionsInstruction(ValueArray<OfpAction> Actions) : OfpInstruction
{
    /// <summary><c>actions=a,b</c>.</summary>
    public override string ToString() => "apply_actions(" + string.Join(",", Actions) + ")";
}

/// <summary>OFPIT_CLEAR_ACTIONS (type 5): clear the action set.</summary>
public sealed record ClearActionsInstruction : OfpInstruction;

/// <summary>OFPIT_METER (type 6): apply a meter.</summary>
/// <param name="MeterId">Meter id.</param>
public sealed record MeterInstruction(uint MeterId) : OfpInstruction;

/// <summary>OFPIT_EXPERIMENTER (type 0xffff): experimenter id and opaque data.</summary>
/// <param name="Experimenter">Experimenter id.</param>
/// <param name="Data">Bytes after the experimenter id.</param>
public sealed record ExperimenterInstruction(uint Experimenter, ValueArray<byte> Data) : OfpInstruction;

/// <summary>An instruction type this library does not know, kept whole.</summary>
/// <param name="Type">Instruction type.</param>
/// <param name="Body">Bytes after the 4-byte type/length header.</param>
public sealed record UnknownInstruction(ushort Type, ValueArray<byte> Body) : OfpInstruction;
