using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;
using static Sdn.OpenFlow.Wire.FixedOffsets;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// Writes <see cref="FlowRule"/> as an OpenFlow 1.0 FLOW_MOD (OpenFlow 1.0.0 §5.3.3) and <see cref="PacketOutSpec"/>
/// as a PACKET_OUT (§5.3.6) without allocating; the bytes equal those of the equivalent records encoded by
/// <see cref="OpenFlow10Codec"/>, and so do the <see cref="OpenFlowEncodeException"/>s (table other than 0/0xff,
/// cookie mask, out_group, 1.3-only flags, ports without a 16-bit form, IP fields without ETH_TYPE 0x0800).
/// </summary>
internal static class FlowRuleCodec10
{
    private const int OutputLength = 8;
    private const int PacketOutFixed = OfpHeader.Size + PacketCodec10.PacketOutFixed;

    public static int Length(in FlowRule rule)
    {
        var length = CheckedLength(rule, out _, out _);
        MatchCodec10.Validate(rule.MatchRef);
        return length;
    }

    public static int Write(in FlowRule rule, Xid xid, Span<byte> destination)
    {
        var length = CheckedLength(rule, out var outPort, out var output);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Need {length} bytes, have {destination.Length}.", nameof(destination));
        }

        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        MatchCodec10.Write(ref w, rule.MatchRef); // checks the match as it writes it
        var body = w.Reserve(length - OfpHeader.Size - MatchCodec10.Length); // the rest at fixed offsets, one bounds check
        ref var b = ref MemoryMarshal.GetReference(body);
        Put(ref b, 0, rule.Cookie);
        Put(ref b, 8, (ushort)rule.Command);
        Put(ref b, 10, rule.IdleTimeout);
        Put(ref b, 12, rule.HardTimeout);
        Put(ref b, 14, rule.Priority);
        Put(ref b, 16, rule.BufferId.Value);
        Put(ref b, 20, outPort);
        Put(ref b, 22, (ushort)rule.Flags);
        if (body.Length >= 24 + OutputLength)
        {
            Put(ref b, 24, (uint)OutputLength); // OFPAT_OUTPUT (type 0), length 8
            Put(ref b, 28, output);
            Put(ref b, 30, rule.OutputMaxLength);
        }

        new OfpHeader((byte)OfpVersion.OpenFlow10, (byte)MessageType10.FlowMod, (ushort)length, xid).Write(destination);
        return length;
    }

    /// <summary>Checks everything but the match and converts the ports once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CheckedLength(in FlowRule rule, out ushort outPort, out ushort output)
    {
        var deletes = rule.Command is FlowModCommand.Delete or FlowModCommand.DeleteStrict;
        if (rule.TableId != 0 && !(deletes && rule.TableId == FlowMod.AllTables))
        {
            throw new OpenFlowEncodeException($"FLOW_MOD table {rule.TableId}: OpenFlow 1.0 has no table id (only 0, or 0xff for deletes).");
        }

        if ((byte)rule.Command > (byte)FlowModCommand.DeleteStrict || rule.CookieMask != 0 || rule.OutGroup != GroupId.Any
            || (rule.Flags & ~(FlowModFlags.SendFlowRemoved | FlowModFlags.CheckOverlap)) != 0)
        {
            throw new OpenFlowEncodeException("FLOW_MOD: OpenFlow 1.0 has no cookie mask, out_group, RESET_COUNTS/NO_*_COUNTS flags nor commands above DELETE_STRICT.");
        }

        outPort = Port10.ToWire(rule.OutPort);
        output = rule.Output is { } o ? Port10.ToWire(o) : (ushort)0;
        return OfpHeader.Size + FlowCodec10.FlowModFixed + (rule.Output is null ? 0 : OutputLength);
    }

    public static int Length(in PacketOutSpec p) => PacketOutFixed + OutputLength + p.Data.Length;

    public static int Write(in PacketOutSpec p, Xid xid, Span<byte> destination)
    {
        var length = Length(p);
        if (length > OfpFramer.MaxMessageLength)
        {
            throw new OpenFlowEncodeException($"PACKET_OUT of {length} bytes exceeds the 65535-byte OpenFlow limit.");
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"Need {length} bytes, have {destination.Length}.", nameof(destination));
        }

        var inPort = Port10.ToWire(p.InPort);
        var output = Port10.ToWire(p.Output);
        var w = new SpanWriter(destination[OfpHeader.Size..length]);
        w.WriteU32(p.BufferId.Value);
        w.WriteU16(inPort);
        w.WriteU16(OutputLength);
        WriteOutput(ref w, output, p.OutputMaxLength);
        w.WriteBytes(p.Data);
        new OfpHeader((byte)OfpVersion.OpenFlow10, (byte)MessageType10.PacketOut, (ushort)length, xid).Write(destination);
        return length;
    }

    private static void WriteOutput(ref SpanWriter w, ushort port, ushort maxLength)
    {
        w.WriteU16(0); // OFPAT_OUTPUT
        w.WriteU16(OutputLength);
        w.WriteU16(port);
        w.WriteU16(maxLength);
    }
}
