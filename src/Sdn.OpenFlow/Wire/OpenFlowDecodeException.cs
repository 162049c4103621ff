using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.Wire;

/// <summary>
/// A message (or a part of one) that cannot be decoded. Carries the OpenFlow 1.3 error type and code a controller
/// should answer with (OpenFlow 1.3.5 §7.4.4), so the channel can send OFPT_ERROR with the offending bytes.
/// This is the only exception a decoder throws for bad input.
/// </summary>
public sealed class OpenFlowDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorType">The OFPT_ERROR type to answer with.</param>
    /// <param name="errorCode">The OFPT_ERROR code to answer with (its meaning depends on <paramref name="errorType"/>).</param>
    /// <param name="message">What is wrong, for people.</param>
    public OpenFlowDecodeException(ErrorType errorType, ushort errorCode, string message)
        : base(message)
    {
        ErrorType = errorType;
        ErrorCode = errorCode;
    }

    /// <summary>The OFPT_ERROR type a peer should be told.</summary>
    public ErrorType ErrorType { get; }

    /// <summary>The OFPT_ERROR code a peer should be told.</summary>
    public ushort ErrorCode { get; }

    /// <summary>A length that does not fit: <c>BAD_REQUEST/BAD_LEN</c>.</summary>
    public static OpenFlowDecodeException BadLength(string message) =>
        new(ErrorType.BadRequest, (ushort)BadRequestCode.BadLen, message);

    /// <summary>A malformed match: <c>BAD_MATCH/&lt;code&gt;</c>.</summary>
    public static OpenFlowDecodeException BadMatch(BadMatchCode code, string message) =>
        new(ErrorType.BadMatch, (ushort)code, message);

    /// <summary>A malformed action: <c>BAD_ACTION/&lt;code&gt;</c>.</summary>
    public static OpenFlowDecodeException BadAction(BadActionCode code, string message) =>
        new(ErrorType.BadAction, (ushort)code, message);

    /// <summary>A malformed instruction: <c>BAD_INSTRUCTION/&lt;code&gt;</c>.</summary>
    public static OpenFlowDecodeException BadInstruction(BadInstructionCode code, string message) =>
        new(ErrorType.BadInstruction, (ushort)code, message);

    /// <summary>A malformed request: <c>BAD_REQUEST/&lt;code&gt;</c>.</summary>
    public static OpenFlowDecodeException BadRequest(BadRequestCode code, string message) =>
        new(ErrorType.BadRequest, (ushort)code, message);
}
