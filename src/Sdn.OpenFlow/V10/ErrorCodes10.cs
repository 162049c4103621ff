using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.V10;

/// <summary>
/// OpenFlow 1.0 OFPT_ERROR numbering (OpenFlow 1.0.0 §5.4.4) ↔ the shared 1.3 <see cref="ErrorType"/> and code enums.
/// </summary>
/// <remarks>
/// <para>1.0 types: HELLO_FAILED 0, BAD_REQUEST 1, BAD_ACTION 2, FLOW_MOD_FAILED 3, PORT_MOD_FAILED 4, QUEUE_OP_FAILED 5
/// → <see cref="ErrorType.HelloFailed"/>, <see cref="ErrorType.BadRequest"/>, <see cref="ErrorType.BadAction"/>,
/// <see cref="ErrorType.FlowModFailed"/>, <see cref="ErrorType.PortModFailed"/>, <see cref="ErrorType.QueueOpFailed"/>.</para>
/// <para>Codes: HELLO_FAILED (0–1), BAD_REQUEST (0–8), BAD_ACTION (0–8), PORT_MOD_FAILED (0–1) and QUEUE_OP_FAILED (0–2)
/// number their codes as 1.3 does. FLOW_MOD_FAILED is renumbered: ALL_TABLES_FULL 0 → TABLE_FULL, OVERLAP 1 → OVERLAP,
/// EPERM 2 → EPERM, BAD_EMERG_TIMEOUT 3 → BAD_TIMEOUT, BAD_COMMAND 4 → BAD_COMMAND, and UNSUPPORTED 5 ("cannot process the
/// action list in the order specified") → BAD_ACTION/UNSUPPORTED_ORDER, as Open vSwitch maps them.</para>
/// <para>Rule for everything else (documented, deterministic): a code outside those tables keeps its number under
/// the mapped type, and a type outside 0–5 keeps its number (e.g. Open vSwitch's vendor error type 0xb0c2) — in both
/// directions. Only spec pairs are guaranteed to survive decode → encode; a non-spec pair whose number collides with
/// a mapped one (1.0 type 7, FLOW_MOD_FAILED code 6, …) re-encodes as that mapped pair. Types only 1.3 has
/// (BAD_INSTRUCTION, BAD_MATCH, GROUP_MOD_FAILED, TABLE_MOD_FAILED, SWITCH_CONFIG_FAILED, ROLE_REQUEST_FAILED,
/// METER_MOD_FAILED, TABLE_FEATURES_FAILED, EXPERIMENTER) cannot be sent to a 1.0 switch:
/// <see cref="OpenFlowEncodeException"/>.</para>
/// </remarks>
public static class ErrorCodes10
{
    /// <summary>The record's type and code for a 1.0 wire type and code.</summary>
    public static (ErrorType Type, ushort Code) FromWire(ushort type, ushort code) => type switch
    {
        3 => code switch
        {
            0 => (ErrorType.FlowModFailed, (ushort)FlowModFailedCode.TableFull),
            1 => (ErrorType.FlowModFailed, (ushort)FlowModFailedCode.Overlap),
            2 => (ErrorType.FlowModFailed, (ushort)FlowModFailedCode.EPerm),
            3 => (ErrorType.FlowModFailed, (ushort)FlowModFailedCode.BadTimeout),
            4 => (ErrorType.FlowModFailed, (ushort)FlowModFailedCode.BadCommand),
            5 => (ErrorType.BadAction, (ushort)BadActionCode.UnsupportedOrder),
            _ => (ErrorType.FlowModFailed, code),
        },
        4 => (ErrorType.PortModFailed, code),
        5 => (ErrorType.QueueOpFailed, code),
        _ => ((ErrorType)type, code), // 0, 1, 2 are numbered alike; others are kept as they are.
    };

    /// <summary>The 1.0 wire type and code for a record's type and code.</summary>
    /// <exception cref="OpenFlowEncodeException">The type exists only in OpenFlow 1.1 and later.</exception>
    public static (ushort Type, ushort Code) ToWire(ErrorType type, ushort code) => type switch
    {
        ErrorType.BadAction when code == (ushort)BadActionCode.UnsupportedOrder => (3, 5),
        ErrorType.FlowModFailed => (3, (FlowModFailedCode)code switch
        {
            FlowModFailedCode.TableFull => 0,
            FlowModFailedCode.Overlap => 1,
            FlowModFailedCode.EPerm => 2,
            FlowModFailedCode.BadTimeout => 3,
            FlowModFailedCode.BadCommand => 4,
            _ => code,
        }),
        ErrorType.PortModFailed => (4, code),
        ErrorType.QueueOpFailed => (5, code),
        ErrorType.BadInstruction or ErrorType.BadMatch or ErrorType.GroupModFailed or ErrorType.TableModFailed
            or ErrorType.SwitchConfigFailed or ErrorType.RoleRequestFailed or ErrorType.MeterModFailed
            or ErrorType.TableFeaturesFailed or ErrorType.Experimenter =>
            throw new OpenFlowEncodeException($"Error type {ErrorNames.Type(type)} has no OpenFlow 1.0 form."),
        _ => ((ushort)type, code),
    };
}
