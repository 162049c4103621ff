using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.Logging;
using Sdn.Controller.Apps;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Channel;

/// <summary>
/// One switch's OpenFlow channel. A single loop owns both directions: it reads and frames messages, drives the
/// <see cref="HandshakeMachine"/>, answers ECHO, correlates replies (<see cref="RequestTracker"/>), hands events
/// to the apps once Ready, and encodes whatever they send straight into the output pipe, flushing once per read
/// batch (<c>SwitchConnection.Inbound.cs</c>, <c>SwitchConnection.Outbound.cs</c>). Sends from other threads go
/// through a bounded lock-free queue and wake the loop. PACKET_IN takes an allocation-free path
/// (<see cref="PacketInView"/>). Malformed messages get OFPT_ERROR (OpenFlow 1.3.5 §7.4.4) and the connection
/// continues; an impossible length or version closes it. Nothing here throws into Kestrel.
/// </summary>
public sealed partial class SwitchConnection : ISwitch
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(250);

    private readonly string _connectionId;
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
    private readonly object _lifecycleGate = new();
    private readonly CancellationTokenSource _closing = new();
    private AppViews? _views;
    private string? _closeReason;
    private bool _downSignalled;
    private ITimer? _abortTimer;
    private readonly Action<string>? _abortTransport;

    internal SwitchConnection(
        string connectionId, IPEndPoint? remote, PipeReader input, PipeWriter output, ControllerOptions options,
        IReadOnlyList<OfpVersion> versions, TimeProvider clock, AppDispatcher dispatcher, SwitchRegistry registry, ILogger log,
        Action<string>? abortTransport)
    {
        _abortTransport = abortTransport;
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
        _offLoop = new OffLoopQueue(options.SendQueueCapacity);
    }

    /// <inheritdoc />
    public DatapathId Dpid { get; private set; }

    /// <inheritdoc />
    public OfpVersion Version => _handshake.Version ?? OfpVersion.OpenFlow13;

    /// <inheritdoc />
    public IPEndPoint? RemoteEndPoint { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<PortNumber, PortDescription> Ports => _ports;

    /// <inheritdoc />
    /// <remarks>Apps are handed their own views (with their own slots); this one belongs to whoever holds the connection itself.</remarks>
    public object? AppState { get; set; }

    /// <summary>The handshake state.</summary>
    public HandshakeState State => _handshake.State;

    /// <summary>Why the connection closed (null while open).</summary>
    public string? CloseReason => _closeReason;

    /// <summary>Runs the connection until the peer closes, an error ends it, or <paramref name="cancellationToken"/> fires (then it closes within <c>ShutdownTimeoutSeconds</c>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _log.LogInformation("Switch connection {Connection} from {Remote}", _connectionId, RemoteEndPoint);
        using var stopReg = cancellationToken.Register(static s => ((SwitchConnection)s!).Close("controller shutting down or transport closed"), this);
        Send(_handshake.Start());
        var timer = Task.Run(TimerLoopAsync, CancellationToken.None);
        try
        {
            await LoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Close($"connection failed: {ex.Message}");
        }
        finally
        {
            Close(_closeReason ?? "switch closed the connection");
            await FinalFlushAsync().ConfigureAwait(false);
            await WaitBounded(timer).ConfigureAwait(false);
            _requests.FailAll(new SwitchDisconnectedException(_closeReason!));
            SignalDown(_closeReason!);
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
            _abortTimer?.Dispose();
            _closing.Dispose();
        }
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
        if (!Send(request))
        {
            _requests.Abandon(request.Xid);
            throw new SwitchDisconnectedException(_closeReason ?? "send queue closed");
        }

        return await reply.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the connection: what is already queued is still written (bounded by <c>ShutdownTimeoutSeconds</c>,
    /// after which a stuck write is abandoned), then the transport closes. Idempotent; callable from any thread.
    /// </summary>
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

        _abortTimer = _clock.CreateTimer(static s => ((SwitchConnection)s!).AbortWrites(), this, TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds), Timeout.InfiniteTimeSpan);
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
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
        if (CheckWriteStall())
        {
            return;
        }

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
                Send(echo);
            }
            else if (_keepAlive.IsDead)
            {
                Close($"no reply to {_options.EchoMissLimit} echo requests ({_options.EchoIntervalSeconds:0.###} s apart)");
                return;
            }
        }

        _requests.ExpireDue();
    }

    /// <summary>Gives up on data the switch is not reading: cancels a blocked flush and tears the transport down.</summary>
    private void AbortWrites()
    {
        _output.CancelPendingFlush();
        _abortTransport?.Invoke(_closeReason ?? "aborted");
    }

    private async Task WaitBounded(Task task)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds), _clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("Connection {Connection} (dpid={Dpid}) did not stop within {Seconds} s; abandoning it", _connectionId, Dpid, _options.ShutdownTimeoutSeconds);
        }
    }
}
