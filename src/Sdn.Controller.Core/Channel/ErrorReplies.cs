using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Channel;

/// <summary>
/// The OFPT_ERROR replies the channel sends for what a switch got wrong (OpenFlow 1.3.5 §7.4.4): the xid of the
/// offending message, and at least its first 64 bytes as data.
/// </summary>
public static class ErrorReplies
{
    /// <summary>For a message that could not be decoded: the decoder's type/code, the offending bytes as data.</summary>
    public static Error ForDecodeFailure(OpenFlowDecodeException error, Xid xid, ValueArray<byte> offendingBytes) =>
        new(error.ErrorType, error.ErrorCode, offendingBytes) { Xid = xid };

    /// <summary>For a message type the controller does not handle: BAD_REQUEST/BAD_TYPE (BAD_EXPERIMENTER for experimenter messages).</summary>
    public static Error ForUnknownType(UnknownMessage message)
    {
        var code = message.Type == (byte)MessageType13.Experimenter ? BadRequestCode.BadExperimenter : BadRequestCode.BadType;
        var length = OfpHeader.Size + message.Body.Count;
        var bytes = new byte[Math.Min(length, OpenFlowReader.ErrorDataLength)];
        new OfpHeader(message.Version, message.Type, (ushort)length, message.Xid).Write(bytes);
        message.Body.AsSpan()[..(bytes.Length - OfpHeader.Size)].CopyTo(bytes.AsSpan(OfpHeader.Size));
        return new Error(ErrorType.BadRequest, (ushort)code, bytes) { Xid = message.Xid };
    }
}
