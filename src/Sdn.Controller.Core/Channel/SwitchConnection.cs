using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.Logging;
using Sdn.Controller.Apps;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Channel;

/// <summary>
/// One switch's OpenFlow channel: reads and frames messages, drives the <see cref="HandshakeMachine"/> and
/// <see cref="KeepAliveMachine"/>, answers ECHO, correlates replies (<see cref="RequestTracker"/>), and hands
/// events to the apps once Ready. All sends go through a bounded queue drained by one writer loop that encodes
/// into the pipe and flushes once per batch. Malformed messages get OFPT_ERROR (OpenFlow 1.3.5 §7.4.4) and the
/// connection continues; an impossible length closes it. Nothing here throws into Kestrel.
/// </summary>
public sealed class SwitchConnection : ISwitch
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(250);

    private readonly string _connectionId;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly SwitchWriter _writer;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _clock;
    private readonly AppDispatcher _dispatcher;
    private readonly SwitchRegistry _registry;
    private readonly ILogger _log;
    private readonly RequestTracker _requests;
    private readonly HandshakeMachine _handshake;
    private readonly KeepAliveMachine _keepAlive;
    private readonly ConcurrentDictionary<PortNumber, PortDescription> _ports = new();
    private readonly object _handshakeGate = new();
    private readonly CancellationTokenSource _closing = new();
    private IOpenFlowCodec? _codec;
    private AppViews? _views;
    private string? _closeReason;
    private readonly object _lifecycleGate = new();
    private bool _downSignalled;

    internal SwitchConnection(
        string connectionId, IPEndPoint? remote, PipeReader input, PipeWriter output, ControllerOptions options,
        IReadOnlyList<OfpVersion> versions, TimeProvider clock, AppDispatcher dispatcher, SwitchRegistry registry, ILogger log)
    {
        _connectionId = connectionId;
        RemoteEndPoint = remote;
        _input = input;
        _output = output;
        _options = options;
        _clock = clock;
        _dispatcher = dispatcher;
        _registry = registry;
        _log = log;
        _requests = new RequestTracker(clock);
        _handshake = new HandshakeMachine(clock, options.HandshakeTimeout, versions, (ushort)options.MissSendLength, _requests.NextXid);
        _keepAlive = new KeepAliveMachine(clock, options.EchoInterval, options.EchoMissLimit, _requests.NextXid);
        _writer = new SwitchWriter(output, options.SendQueueCapacity, log, () => $"dpid={Dpid} ({RemoteEndPoint})");
    }

    /// <inheritdoc />
    public DatapathId Dpid { get; private set; }

    /// <inheritdoc />
    public OfpVersion Version => _handshake.Version ?? OfpVersion.OpenFlow13;

    /// <inheritdoc />
    public IPEndPoint? RemoteEndPoint { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<PortNumber, PortDescription> Ports => _ports;

    /// <summary>The handshake state.</summary>
    public HandshakeState State => _handshake.State;

    /// <summary>Why the connection closed (null while open).</summary>
    public string? CloseReason => _closeReason;

    /// <summary>Runs the connection until the peer closes, an error ends it, or <paramref name="cancellationToken"/> fires (then it closes within <c>ShutdownTimeoutSeconds</c>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _log.LogInformation("Switch connection {Connection} from {Remote}", _connectionId, RemoteEndPoint);
        using var stopReg = cancellationToken.Register(static s => ((SwitchConnection)s!).Close("controller shutting down or transport closed"), this);
        Enqueue(_handshake.Start());
        _writer.UsePreNegotiationVersion(_handshake.ErrorVersion);
        var writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        var timer = Task.Run(TimerLoopAsync, CancellationToken.None);
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Close($"read failed: {ex.Message}");
        }
        finally
        {
            Close(_closeReason ?? "switch closed the connection");
            await WaitBounded(writer).ConfigureAwait(false);
            await WaitBounded(timer).ConfigureAwait(false);
            _requests.FailAll(new SwitchDisconnectedException(_closeReason!));
            SignalDown(_closeReason!);
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    /// <inheritdoc />
    public bool Send(OfpMessage message)
    {
        if (message.Xid.Value == 0)
        {
            message = message with { Xid = _requests.NextXid() };
        }

        return Enqueue(message);
    }

    /// <inheritdoc />
    public Task BarrierAsync(CancellationToken cancellationToken = default) => RequestAsync(new BarrierRequest(), cancellationToken);

    /// <inheritdoc />
    public async Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default)
    {
        if (request.Xid.Value == 0)
        {
            request = request with { Xid = _requests.NextXid() };
        }

        var reply = _requests.Expect(request.Xid, _options.RequestTimeout);
        if (!Enqueue(request))
        {
            _requests.Abandon(request.Xid);
            throw new SwitchDisconnectedException(_closeReason ?? "send queue closed");
        }

        return await reply.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection: queued messages are still written (bounded in time), then the transport closes. Idempotent.</summary>
    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        if (_handshake.State == HandshakeState.Ready)
        {
            _log.LogInformation("Switch dpid={Dpid} disconnecting: {Reason}", Dpid, reason);
        }
        else
        {
            _log.LogInformation("Switch connection {Connection} from {Remote} closing in state {State}: {Reason}", _connectionId, RemoteEndPoint, _handshake.State, reason);
        }

        _writer.Complete();
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private bool Enqueue(OfpMessage message)
    {
        if (_writer.TryEnqueue(message))
        {
            return true;
        }

        if (_closeReason is null)
        {
            Close($"send queue overflow ({_options.SendQueueCapacity} messages waiting): the switch is not reading");
        }

        return false;
    }

    private async Task ReadLoopAsync()
    {
        var token = _closing.Token;
        while (!token.IsCancellationRequested)
        {
            ReadResult result;
            try
            {
                result = await _input.ReadAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var buffer = result.Buffer;
            try
            {
                ProcessBuffer(ref buffer);
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private void ProcessBuffer(ref ReadOnlySequence<byte> buffer)
    {
        while (_closeReason is null)
        {
            DecodeResult dr;
            try
            {
                if (_codec is not null && !buffer.IsEmpty && FirstByte(buffer) != (byte)_codec.Version)
                {
                    // Like Open vSwitch, treat a version change mid-stream as a broken stream: its length cannot be trusted.
                    throw OpenFlowDecodeException.BadRequest(BadRequestCode.BadVersion, $"version 0x{FirstByte(buffer):x2} on a connection negotiated at 0x{(byte)_codec.Version:x2}");
                }

                if (!OpenFlowReader.TryRead(ref buffer, _codec, out dr, _options.MaxMessageLength))
                {
                    return;
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
                return;
            }

            Handle(dr);
        }
    }

    private static byte FirstByte(in ReadOnlySequence<byte> buffer) => buffer.FirstSpan.Length > 0 ? buffer.FirstSpan[0] : buffer.Slice(0, 1).ToArray()[0];

    private void Handle(in DecodeResult dr)
    {
        _keepAlive.OnMessageReceived();
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
                Enqueue(new EchoReply(echo.Data) { Xid = echo.Xid });
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
                _dispatcher.PacketIn(views, p);
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
            _writer.UsePreNegotiationVersion(_handshake.ErrorVersion);
            if (_handshake.Version is { } v && _codec is null)
            {
                _codec = OpenFlowCodecs.For(v);
                _writer.UseCodec(_codec);
            }
        }

        foreach (var r in replies)
        {
            Enqueue(r);
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

    private void OnReady()
    {
        var features = _handshake.Features!;
        Dpid = features.DatapathId;
        foreach (var p in _handshake.Ports)
        {
            _ports[p.PortNo] = p;
        }

        if (_handshake.Warning is { } warning)
        {
            _log.LogWarning("Switch dpid={Dpid} refused SET_CONFIG: {Error}", Dpid, warning);
        }

        // Register, retire the predecessor and announce under our lifecycle lock, so that a successor replacing
        // us (see SignalDown) waits until apps have seen our "up". Lock order: a connection's gate, then its
        // predecessor's; the registry hands each connection a distinct predecessor, so there is no cycle.
        lock (_lifecycleGate)
        {
            _views = _dispatcher.CreateViews(this);
            var previous = _registry.Register(this);
            if (previous is SwitchConnection old)
            {
                _log.LogWarning("Switch dpid={Dpid} connected again from {Remote}; the new connection replaces the one from {OldRemote}", Dpid, RemoteEndPoint, old.RemoteEndPoint);
                old.SignalDown("replaced by a new connection with the same dpid");
                old.Close("replaced by a new connection with the same dpid");
            }

            _log.LogInformation("Switch dpid={Dpid} ready: OpenFlow {Version}, {Ports} ports, {Tables} tables, {Buffers} buffers, from {Remote}",
                Dpid, VersionNegotiation.Describe([(byte)Version]), _ports.Count, features.TableCount, features.BufferCount, RemoteEndPoint);
            _dispatcher.SwitchUp(_views);
        }
    }

    /// <summary>
    /// Tells apps once that this switch went down, and drops it from the registry if it is still the current one.
    /// Runs under the connection's lifecycle lock, held from claiming the "down" until apps have seen it (and by
    /// <see cref="OnReady"/> around the "up"): a successor whose <see cref="OnReady"/> calls this while our own
    /// close path is delivering the down waits for it, so apps never see our down after the successor's up (an
    /// app keyed by dpid would otherwise drop the successor's state), nor our down before our up. The registry
    /// entry goes only after the apps were told: removed first, a successor could register without finding us and
    /// announce its up while our down was still on its way.
    /// </summary>
    private void SignalDown(string reason)
    {
        lock (_lifecycleGate)
        {
            if (_views is null || _downSignalled)
            {
                return;
            }

            _downSignalled = true;
            _dispatcher.SwitchDown(_views, reason);
            _registry.TryRemove(this); // after the apps: a successor registering meanwhile still finds us, so waits above
        }
    }

    private void RejectUnknown(UnknownMessage u)
    {
        var error = ErrorReplies.ForUnknownType(u);
        _log.LogInformation("Switch dpid={Dpid} sent message type {Type} this controller does not handle; answered BAD_REQUEST/{Code}", Dpid, u.Type, error.CodeName);
        Enqueue(error);
    }

    private void SendError(OpenFlowDecodeException ex, Xid xid, ValueArray<byte> offending) =>
        Enqueue(ErrorReplies.ForDecodeFailure(ex, xid, offending));

    private async Task WriteLoopAsync()
    {
        if (await _writer.RunAsync().ConfigureAwait(false) is { } failure)
        {
            Close(failure);
        }
    }

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(TickPeriod, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                Tick();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// One timer step: handshake deadline, keep-alive, request timeouts. Echo probes start only once Ready: before
    /// the peer's HELLO no version is agreed (an OpenFlow 1.3 ECHO_REQUEST may not be understood, OpenFlow 1.3.5
    /// §6.3.1), and the handshake timeout already bounds that phase.
    /// </summary>
    internal void Tick()
    {
        if (_handshake.State != HandshakeState.Ready)
        {
            bool timedOut;
            lock (_handshakeGate)
            {
                timedOut = _handshake.CheckTimeout();
            }

            if (timedOut)
            {
                _log.LogWarning("Handshake with {Remote} failed: {Reason}", RemoteEndPoint, _handshake.FailureReason);
                Close(_handshake.FailureReason!);
                return;
            }
        }

        if (_options.EchoEnabled && _handshake.State == HandshakeState.Ready)
        {
            if (_keepAlive.OnTick() is { } echo)
            {
                _log.LogDebug("Switch dpid={Dpid} idle; echo request {Xid} ({Missed} unanswered)", Dpid, echo.Xid, _keepAlive.Unanswered - 1);
                Enqueue(echo);
            }
            else if (_keepAlive.IsDead)
            {
                Close($"no reply to {_options.EchoMissLimit} echo requests ({_options.EchoIntervalSeconds:0.###} s apart)");
                return;
            }
        }

        _requests.ExpireDue();
    }

    private async Task WaitBounded(Task task)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds), _clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("Connection {Connection} (dpid={Dpid}) did not drain within {Seconds} s; aborting", _connectionId, Dpid, _options.ShutdownTimeoutSeconds);
            _writer.Abort();
        }
    }
}
