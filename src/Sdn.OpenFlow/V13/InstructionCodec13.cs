using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>Instruction lists (OpenFlow 1.3.5 §7.2.4): each instruction is type, length (a multiple of 8), body.</summary>
public static class InstructionCodec13
{
    private const ushort GotoTable = 1, WriteMetadata = 2, WriteActions = 3, ApplyActions = 4, ClearActions = 5, Meter = 6, Experimenter = 0xffff;

    private static readonly Func<string, OpenFlowDecodeException> BadLen = m => OpenFlowDecodeException.BadInstruction(BadInstructionCode.BadLen, m);

    /// <summary>Reads instructions until <paramref name="r"/> is exhausted.</summary>
    /// <exception cref="OpenFlowDecodeException">BAD_INSTRUCTION/BAD_LEN, or a bad action inside.</exception>
    public static ValueArray<OfpInstruction> ReadList(ref SpanReader r) => Tlv13.ReadList(ref r, Read);

    /// <summary>Reads one instruction.</summary>
    /// <exception cref="OpenFlowDecodeException">Malformed instruction.</exception>
    public static OfpInstruction Read(ref SpanReader r)
    {
        var b = Tlv13.ReadHeader(ref r, "instruction", BadLen, out var type, out var len);
        switch (type)
        {
            case GotoTable:
                Expect(type, len, 8);
                var table = b.ReadU8();
                b.Skip(3);
                return new GotoTableInstruction(table);
            case WriteMetadata:
                Expect(type, len, 24);
                b.Skip(4);
                return new WriteMetadataInstruction(b.ReadU64(), b.ReadU64());
            case WriteActions:
                b.Skip(4);
                return new WriteActionsInstruction(ActionCodec13.ReadList(ref b));
            case ApplyActions:
                b.Skip(4);
                return new ApplyActionsInstruction(ActionCodec13.ReadList(ref b));
            case ClearActions:
                Expect(type, len, 8);
                b.Skip(4);
                return new ClearActionsInstruction();
            case Meter:
                Expect(type, len, 8);
                return new MeterInstruction(b.ReadU32());
            case Experimenter:
                return new ExperimenterInstruction(b.ReadU32(), b.ReadRest());
            default:
                return new UnknownInstruction(type, b.ReadRest());
        }
    }

    /// <summary>Encoded length of an instruction list in bytes.</summary>
    public static int ListLength(ValueArray<OfpInstruction> instructions)
    {
        var n = 0;
        foreach (var i in instructions)
        {
            n += Length(i);
        }

        return n;
    }

    /// <summary>Encoded length of one instruction in bytes.</summary>
    /// <exception cref="OpenFlowEncodeException">Unsupported instruction record.</exception>
    public static int Length(OfpInstruction instruction) => instruction switch
    {
        GotoTableInstruction or ClearActionsInstruction or MeterInstruction => 8,
        WriteMetadataInstruction => 24,
        WriteActionsInstruction w => 8 + ActionCodec13.ListLength(w.Actions),
        ApplyActionsInstruction a => 8 + ActionCodec13.ListLength(a.Actions),
        ExperimenterInstruction e => Tlv13.Padded(8 + e.Data.Count),
        UnknownInstruction u => Tlv13.Padded(4 + u.Body.Count),
        _ => throw new OpenFlowEncodeException($"{instruction.GetType().Name} has no OpenFlow 1.3 encoding."),
    };

    /// <summary>Writes an instruction list.</summary>
    public static void WriteList(ref SpanWriter w, ValueArray<OfpInstruction> instructions)
    {
        foreach (var i in instructions)
        {
            Write(ref w, i);
        }
    }

    /// <summary>Writes one instruction.</summary>
    /// <exception cref="OpenFlowEncodeException">Unsupported instruction record.</exception>
    public static void Write(ref SpanWriter w, OfpInstruction instruction)
    {
        var len = Length(instruction);
        var start = w.Position;
        switch (instruction)
        {
            case GotoTableInstruction g: Tlv13.WriteHeader(ref w, GotoTable, len); w.WriteU8(g.TableId); break;
            case WriteMetadataInstruction m: Tlv13.WriteHeader(ref w, WriteMetadata, len); w.WriteZeros(4); w.WriteU64(m.Metadata); w.WriteU64(m.Mask); break;
            case WriteActionsInstruction a: Tlv13.WriteHeader(ref w, WriteActions, len); w.WriteZeros(4); ActionCodec13.WriteList(ref w, a.Actions); break;
            case ApplyActionsInstruction a: Tlv13.WriteHeader(ref w, ApplyActions, len); w.WriteZeros(4); ActionCodec13.WriteList(ref w, a.Actions); break;
            case ClearActionsInstruction: Tlv13.WriteHeader(ref w, ClearActions, len); break;
            case MeterInstruction m: Tlv13.WriteHeader(ref w, Meter, len); w.WriteU32(m.MeterId); break;
            case ExperimenterInstruction e: Tlv13.WriteHeader(ref w, Experimenter, len); w.WriteU32(e.Experimenter); w.WriteBytes(e.Data.AsSpan()); break;
            case UnknownInstruction u: Tlv13.WriteHeader(ref w, u.Type, len); w.WriteBytes(u.Body.AsSpan()); break;
            default: throw new OpenFlowEncodeException($"{instruction.GetType().Name} has no OpenFlow 1.3 encoding.");
        }

        w.WriteZeros(len - (w.Position - start));
    }

    private static void Expect(ushort type, int len, int expected) => Tlv13.ExpectLength("instruction", type, len, expected, BadLen);
}
