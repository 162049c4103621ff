using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Channel;

/// <summary>The receive side and the loop: framing, the PACKET_IN fast path, routing to handshake, replies and apps.</summary>
public sealed partial class SwitchConnection
{
    /// <summary>Most messages handled per read before the loop flushes and yields to other connections (fairness).</summary>
    internal const int ReadBudget = FairnessBudget.ReadMessages;

    private const byte PacketInType = 10; // OFPT_PACKET_IN in OpenFlow 1.0 and 1.3

    private readonly PipeReader _input;
    private byte[]? _scratch;
    private FairnessBudget _budget = FairnessBudget.Default;

    /// <summary>
    /// The connection loop: read a batch, handle every whole message in it (sending replies straight into the
    /// output pipe), drain sends queued by other threads, flush once, repeat. Parsing never awaits.
    /// </summary>
    private async Task LoopAsync()
    {
        // Closing wakes a pending read like an off-loop send does (WakeLoop), and the loop then sees _closeReason:
        // no token registration per read.
        using var wake = _closing.Token.UnsafeRegister(static s => ((SwitchConnection)s!).WakeLoop(), this);
        while (true)
        {
            var result = await _input.ReadAsync().ConfigureAwait(false);
            if (_closeReason is not null)
            {
                _input.AdvanceTo(result.Buffer.Start);
                return;
            }

            var buffer = result.Buffer;
            var handled = 0;
            EnterLoop();
            try
            {
                DrainOffLoop();
                handled = ProcessBuffer(ref buffer);
            }
            finally
            {
                ExitLoop();
                var budgetHit = handled >= ReadBudget;
                _input.AdvanceTo(buffer.Start, budgetHit ? buffer.Start : buffer.End);
            }

            if (handled > 0)
            {
                _keepAlive.OnMessageReceived(); // once per batch: any message is a sign of life
            }

            if (!await FlushAsync().ConfigureAwait(false) || _closeReason is not null)
            {
                return;
            }

            if (_budget.Spend(handled))
            {
                await Task.Yield(); // let other connections run; what is left in the buffer is read again at once
            }
            else if (result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <returns>Messages handled (stops at <see cref="ReadBudget"/>).</returns>
    private int ProcessBuffer(ref ReadOnlySequence<byte> buffer)
    {
        var handled = 0;
        while (_closeReason is null && handled < ReadBudget)
        {
            var whole = ProcessSegment(buffer.FirstSpan, ref handled);
            if (whole > 0)
            {
                buffer = buffer.Slice(whole);
                continue;
            }

            // A message straddling segments, an incomplete one, or a framing error: the general path.
            OfpHeader header;
            ReadOnlySequence<byte> frame;
            try
            {
                if (_codec is not null && !buffer.IsEmpty && FirstByte(buffer) != (byte)_codec.Version)
                {
                    // Like Open vSwitch, treat a version change mid-stream as a broken stream: its length cannot be trusted.
                    throw OpenFlowDecodeException.BadRequest(BadRequestCode.BadVersion, $"version 0x{FirstByte(buffer):x2} on a connection negotiated at 0x{(byte)_codec.Version:x2}");
                }

                if (!OfpFramer.TryReadFrame(ref buffer, out header, out frame, _options.MaxMessageLength))
                {
                    return handled;
                }
            }
            catch (OpenFlowDecodeException ex)
            {
                // An impossible length or version: the stream cannot be resynchronised.
                var head = buffer.Slice(0, Math.Min(buffer.Length, OpenFlowReader.ErrorDataLength)).ToArray();
                var xid = head.Length >= OfpHeader.Size ? OfpHeader.Read(head).Xid : default;
                SendError(ex, xid, head);
                _log.LogWarning("Connection {Connection} ({Remote}, dpid={Dpid}): unframeable input, closing: {Error}", _connectionId, RemoteEndPoint, Dpid, ex.Message);
                buffer = buffer.Slice(buffer.End);
                Close($"malformed framing: {ex.Message}");
                return handled;
            }

            handled++;
            HandleFrame(header, frame.IsSingleSegment ? frame.FirstSpan : CopyToScratch(frame));
        }

        return handled;
    }

    /// <summary>
    /// The common case without <see cref="ReadOnlySequence{T}"/> work per message: handles the whole, well-formed
    /// messages at the start of one contiguous segment and stops at anything else (left to the general path).
    /// </summary>
    /// <returns>Bytes consumed.</returns>
    private int ProcessSegment(ReadOnlySpan<byte> segment, ref int handled)
    {
        var consumed = 0;
        var max = _options.MaxMessageLength;
        while (handled < ReadBudget && _closeReason is null && segment.Length - consumed >= OfpHeader.Size)
        {
            var rest = segment[consumed..];
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            var codec = _codec;
            if (length < OfpHeader.Size || length > max || length > rest.Length || (codec is not null && rest[0] != (byte)codec.Version))
            {
                break;
            }

            var message = rest[..length];
            handled++;
            consumed += length;
            HandleFrame(OfpHeader.Read(message), message);
        }

        return consumed;
    }

    private void HandleFrame(in OfpHeader header, ReadOnlySpan<byte> span)
    {
        if (header.Type == PacketInType && _views is not null && PacketInView.TryParse(span, _codec!.Version, out var packetIn))
        {
            _dispatcher.PacketIn(_views, packetIn);
            return;
        }

        Handle(OpenFlowReader.Decode(header, span, _codec));
    }

    private ReadOnlySpan<byte> CopyToScratch(in ReadOnlySequence<byte> frame)
    {
        _scratch ??= new byte[OfpFramer.MaxMessageLength];
        frame.CopyTo(_scratch);
        return _scratch.AsSpan(0, (int)frame.Length);
    }

    private static byte FirstByte(in ReadOnlySequence<byte> buffer) => buffer.FirstSpan.Length > 0 ? buffer.FirstSpan[0] : buffer.Slice(0, 1).ToArray()[0];

    private void Handle(in DecodeResult dr)
    {
        if (dr.Error is { } error)
        {
            _log.LogWarning("Switch dpid={Dpid} ({Remote}) sent a malformed message (type {Type}, xid {Xid}): {Error}; answered {ErrorType}/{ErrorCode}",
                Dpid, RemoteEndPoint, dr.Header.Type, dr.Header.Xid, error.Message, ErrorNames.Type(error.ErrorType), ErrorNames.Code(error.ErrorType, error.ErrorCode));
            if (dr.Header.Type == CommonCodec.ErrorType)
            {
                return; // Never answer an error with an error: two peers could bounce them for ever.
            }

            SendError(error, dr.Header.Xid, dr.OffendingBytes);
            return;
        }

        var message = dr.Message!;
        switch (message)
        {
            case EchoRequest echo:
                Send(new EchoReply(echo.Data) { Xid = echo.Xid });
                return;
            case EchoReply:
                _requests.TryComplete(message);
                return;
        }

        if (_handshake.State != HandshakeState.Ready)
        {
            HandleHandshake(message);
            return;
        }

        if (_requests.TryComplete(message))
        {
            return;
        }

        var views = _views!;
        switch (message)
        {
            case PacketIn p:
                // The fast path could not read it (e.g. it came before Ready); the record decoded fine.
                _log.LogDebug("Switch dpid={Dpid} PACKET_IN (xid {Xid}) not readable by the fast path; ignored", Dpid, p.Xid);
                break;
            case PortStatus ps:
                if (ps.Reason == PortStatusReason.Delete)
                {
                    _ports.TryRemove(ps.Port.PortNo, out _);
                }
                else
                {
                    _ports[ps.Port.PortNo] = ps.Port;
                }

                _log.LogInformation("Switch dpid={Dpid} port {Port} ({Name}) {Reason}: {State}", Dpid, ps.Port.PortNo, ps.Port.Name, ps.Reason, ps.Port.IsUp ? "up" : "down");
                _dispatcher.PortStatus(views, ps);
                break;
            case FlowRemoved fr:
                _dispatcher.FlowRemoved(views, fr);
                break;
            case Error e:
                _log.LogWarning("Switch dpid={Dpid} reported {Error} for xid {Xid}", Dpid, e, e.Xid);
                _dispatcher.SwitchError(views, e);
                break;
            case UnknownMessage u:
                RejectUnknown(u);
                break;
            default:
                _log.LogDebug("Switch dpid={Dpid} sent unexpected {Type} (xid {Xid}); ignored", Dpid, message.GetType().Name, message.Xid);
                break;
        }
    }

    private void HandleHandshake(OfpMessage message)
    {
        IReadOnlyList<OfpMessage> replies;
        HandshakeState state;
        lock (_handshakeGate)
        {
            if (_handshake.State is HandshakeState.Failed)
            {
                return;
            }

            replies = _handshake.OnMessage(message);
            state = _handshake.State;
            if (_handshake.Version is { } v && _codec is null)
            {
                _codec = OpenFlowCodecs.For(v);
            }
        }

        foreach (var r in replies)
        {
            Send(r);
        }

        if (message is UnknownMessage u && _codec is not null)
        {
            RejectUnknown(u);
        }

        switch (state)
        {
            case HandshakeState.Failed:
                _log.LogWarning("Handshake with {Remote} failed: {Reason}", RemoteEndPoint, _handshake.FailureReason);
                Close(_handshake.FailureReason!);
                break;
            case HandshakeState.Ready:
                OnReady();
                break;
        }
    }

    private void RejectUnknown(UnknownMessage u)
    {
        var error = ErrorReplies.ForUnknownType(u);
        _log.LogInformation("Switch dpid={Dpid} sent message type {Type} this controller does not handle; answered BAD_REQUEST/{Code}", Dpid, u.Type, error.CodeName);
        Send(error);
    }

    private void SendError(OpenFlowDecodeException ex, Xid xid, ValueArray<byte> offending) =>
        Send(ErrorReplies.ForDecodeFailure(ex, xid, offending));
}
