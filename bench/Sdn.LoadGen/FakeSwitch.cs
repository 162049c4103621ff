using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;

namespace Sdn.LoadGen;

/// <summary>How a switch became ready (see <see cref="Options.Usage"/>).</summary>
public enum ReadyReason
{
    /// <summary>Not ready.</summary>
    None,

    /// <summary>A BARRIER_REQUEST arrived after the FEATURES_REPLY.</summary>
    Barrier,

    /// <summary>A FLOW_MOD arrived after the FEATURES_REPLY.</summary>
    FlowMod,

    /// <summary>Nothing arrived for the settle time after the FEATURES_REPLY.</summary>
    Settle,
}

/// <summary>
/// One emulated switch: a TCP connection to the controller, the handshake responder, the response counter (which
/// parses only OpenFlow headers on the hot path) and the traffic writers for throughput, latency and bad-input modes.
/// </summary>
/// <remarks>
/// Threading: one receive loop per connection (never blocks on sends); in throughput mode one writer loop owns the
/// socket's send side and drains control replies queued by the receive loop between batches, so neither side can
/// deadlock the other when both TCP buffers are full. Elsewhere (handshake, latency mode) replies and probes are small
/// and sent synchronously under <see cref="_sendLock"/>. Counters have a single writer (the receive loop).
/// </remarks>
public sealed class FakeSwitch
{
    private readonly Options _o;
    private readonly byte _v;
    private readonly PacketInStream _stream;
    private readonly int _recvInitial;
    private readonly Lock _sendLock = new();
    private readonly List<byte[]> _controlQueue = [];
    private readonly Random _random;
    private Socket? _socket;
    private TaskCompletionSource<bool> _ready = NewTcs();
    private byte[] _recv;
    private bool _featuresSent;
    private bool _queueControl;
    private volatile bool _controlPending;
    private volatile bool _stopping;
    private long _lastRxTicks;
    private byte[]? _probe;
    private bool _latencyActive;
    private uint _outstanding;
    private long _outstandingSince;
    private int _badIndex;

    /// <summary>Creates switch <paramref name="index"/> (not connected yet).</summary>
    public FakeSwitch(int index, Options options, bool malicious, int receiveBufferBytes)
    {
        Index = index;
        _o = options;
        _v = options.Version;
        Dpid = options.DpidBase + (ulong)index;
        Malicious = malicious;
        _stream = new PacketInStream(_v, index, options.Macs, options.Ports);
        _recvInitial = receiveBufferBytes;
        _recv = new byte[receiveBufferBytes];
        _random = new Random(index);
    }

    /// <summary>0-based index.</summary>
    public int Index { get; }

    /// <summary>Datapath id.</summary>
    public ulong Dpid { get; }

    /// <summary>Whether this switch mixes bad messages into its traffic.</summary>
    public bool Malicious { get; }

    /// <summary>FLOW_MODs with command ADD, MODIFY or MODIFY_STRICT received.</summary>
    public long FlowMods;

    /// <summary>Other FLOW_MODs (DELETE...) received; not counted as responses.</summary>
    public long OtherFlowMods;

    /// <summary>PACKET_OUTs received.</summary>
    public long PacketOuts;

    /// <summary>OFPT_ERROR messages received.</summary>
    public long ErrorsReceived;

    /// <summary>Latency mode: PACKET_INs answered by a response carrying their buffer_id.</summary>
    public long RoundTrips;

    /// <summary>Latency mode: sum of round-trip times, <see cref="Stopwatch"/> ticks.</summary>
    public long RoundTripTicks;

    /// <summary>Latency mode: PACKET_INs unanswered within the timeout.</summary>
    public long Lost;

    /// <summary>Bad messages sent.</summary>
    public long BadSent;

    /// <summary>Connections the controller (or an error) closed.</summary>
    public long Disconnects;

    /// <summary>Completed handshakes (more than 1 only for misbehaving switches, which reconnect).</summary>
    public long Handshakes;

    /// <summary>Responses: FLOW_MOD (ADD/MODIFY/MODIFY_STRICT) + PACKET_OUT.</summary>
    public long Responses => Volatile.Read(ref FlowMods) + Volatile.Read(ref PacketOuts);

    /// <summary>PACKET_INs sent (good ones).</summary>
    public long PacketInsSent => _stream.Produced;

    /// <summary>Stopwatch timestamp when the first connect began.</summary>
    public long ConnectStartTicks { get; private set; }

    /// <summary>Stopwatch timestamp of readiness (first connection).</summary>
    public long ReadyTicks { get; private set; }

    /// <summary>How readiness was decided (first connection).</summary>
    public ReadyReason ReadyBy { get; private set; }

    /// <summary>Stopwatch timestamp of the first BARRIER_REQUEST after FEATURES_REPLY (0: none).</summary>
    public long FirstBarrierTicks { get; private set; }

    /// <summary>Stopwatch timestamp of the first FLOW_MOD (0: none).</summary>
    public long FirstFlowModTicks { get; private set; }

    /// <summary>Why the connection failed or closed, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>Whether the current connection is open.</summary>
    public bool Connected { get; private set; }

    /// <summary>Completes with true when the current connection is ready, false when it fails first.</summary>
    public Task<bool> ReadyTask => _ready.Task;

    /// <summary>Set when the controller closed the connection of a switch that was ready (the first time).</summary>
    public string? DisconnectedDuringRun { get; private set; }

    private static TaskCompletionSource<bool> NewTcs() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Connects, sends HELLO at once and starts the receive loop. Never throws: failures complete <see cref="ReadyTask"/> with false.</summary>
    public async Task ConnectAsync()
    {
        _ready = NewTcs();
        _featuresSent = false;
        _queueControl = false;
        _latencyActive = false;
        var socket = new Socket(_o.Family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket = socket;
        if (ConnectStartTicks == 0)
        {
            ConnectStartTicks = Stopwatch.GetTimestamp();
        }

        try
        {
            await socket.ConnectAsync(_o.Controller).ConfigureAwait(false);
            Connected = true;
            lock (_sendLock)
            {
                socket.Send(Wire.BuildHello(_v, 1));
            }
        }
        catch (SocketException ex)
        {
            Fail(socket, $"connect: {ex.SocketErrorCode}");
            return;
        }

        _ = ReceiveLoopAsync(socket);
    }

    /// <summary>Readiness fallback, polled by the runner: ready if FEATURES_REPLY is out and nothing arrived for the settle time.</summary>
    public void CheckSettle(long now, long settleTicks)
    {
        if (_featuresSent && !_ready.Task.IsCompleted && Connected && now - Volatile.Read(ref _lastRxTicks) >= settleTicks)
        {
            MarkReady(ReadyReason.Settle, Volatile.Read(ref _lastRxTicks));
        }
    }

    /// <summary>Starts throughput traffic (or bad-input traffic for a misbehaving switch) in the background.</summary>
    /// <returns>The writer task; ends when the run stops or (well-behaved switch) the connection closes.</returns>
    public Task StartThroughputAsync() => Malicious ? MaliciousLoopAsync() : Task.Run(() => ThroughputWriterAsync(_socket!, bad: false));

    /// <summary>Starts latency traffic: the first PACKET_IN goes now, the rest on each matching response.</summary>
    public void StartLatency()
    {
        _probe = new byte[_stream.MessageLength];
        _stream.WriteTemplates(_probe, 1);
        lock (_sendLock)
        {
            _latencyActive = true;
            SendProbeLocked();
        }
    }

    /// <summary>Latency mode: when the outstanding PACKET_IN is older than the timeout, counts it lost and sends the next.</summary>
    public void CheckLatencyTimeout(long now, long timeoutTicks)
    {
        if (!_latencyActive || now - Volatile.Read(ref _outstandingSince) < timeoutTicks)
        {
            return;
        }

        lock (_sendLock)
        {
            if (_latencyActive && now - _outstandingSince >= timeoutTicks)
            {
                Lost++;
                SendProbeLocked();
            }
        }
    }

    /// <summary>Stops traffic and closes the connection.</summary>
    public void Stop()
    {
        _stopping = true;
        lock (_sendLock)
        {
            _latencyActive = false;
        }

        var s = _socket;
        if (s is not null)
        {
            try
            {
                s.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            s.Dispose();
        }
    }

    private void SendProbeLocked()
    {
        var socket = _socket;
        if (socket is null || _probe is null || _stopping)
        {
            _latencyActive = false;
            return;
        }

        _outstanding = _stream.Patch(_probe, 1);
        Volatile.Write(ref _outstandingSince, Stopwatch.GetTimestamp());
        try
        {
            socket.Send(_probe);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _latencyActive = false;
        }
    }

    private async Task ThroughputWriterAsync(Socket socket, bool bad)
    {
        var count = bad ? _o.BadEvery : (_o.Batch > 0 ? _o.Batch : Math.Max(1, 65536 / _stream.MessageLength));
        var batch = new byte[count * _stream.MessageLength];
        _stream.WriteTemplates(batch, count);
        lock (_sendLock)
        {
            _queueControl = true; // from now on the receive loop queues its replies for this loop
        }

        try
        {
            while (!_stopping)
            {
                if (_controlPending)
                {
                    await FlushControlAsync(socket).ConfigureAwait(false);
                }

                _stream.Patch(batch, count);
                await SendAllAsync(socket, batch).ConfigureAwait(false);
                if (bad)
                {
                    var kind = _o.BadKinds[_badIndex++ % _o.BadKinds.Count];
                    await SendAllAsync(socket, BadMessages.Build(kind, _v, (uint)_badIndex, _random)).ConfigureAwait(false);
                    BadSent++;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The connection closed; the receive loop records why.
        }
    }

    private async Task MaliciousLoopAsync()
    {
        var first = true;
        while (!_stopping)
        {
            if (!first)
            {
                await Task.Delay(20).ConfigureAwait(false); // bounded reconnect rate
                if (_stopping)
                {
                    break;
                }

                await ConnectAsync().ConfigureAwait(false);
                var done = await Task.WhenAny(_ready.Task, Task.Delay(_o.ConnectTimeoutMs)).ConfigureAwait(false);
                if (done != _ready.Task || !_ready.Task.Result)
                {
                    Close(_socket);
                    continue;
                }
            }

            first = false;
            var socket = _socket;
            if (socket is null || !Connected)
            {
                continue;
            }

            await ThroughputWriterAsync(socket, bad: true).ConfigureAwait(false);
            Close(socket);
        }
    }

    private async Task FlushControlAsync(Socket socket)
    {
        byte[][] items;
        lock (_sendLock)
        {
            items = [.. _controlQueue];
            _controlQueue.Clear();
            _controlPending = false;
        }

        foreach (var m in items)
        {
            await SendAllAsync(socket, m).ConfigureAwait(false);
        }
    }

    private static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (data.Length > 0)
        {
            var n = await socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            if (n <= 0)
            {
                throw new IOException("send returned 0");
            }

            data = data[n..];
        }
    }

    private void SendControl(byte[] message)
    {
        lock (_sendLock)
        {
            if (_queueControl)
            {
                _controlQueue.Add(message);
                _controlPending = true;
                return;
            }

            try
            {
                _socket?.Send(message);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The receive loop sees the close.
            }
        }
    }

    private async Task ReceiveLoopAsync(Socket socket)
    {
        int start = 0, end = 0;
        string? reason = null;
        try
        {
            while (true)
            {
                if (end == _recv.Length)
                {
                    // Compact; grow when one message does not fit (never beyond 64 KiB + a little).
                    var pending = end - start;
                    var need = pending >= Wire.HeaderLength ? Wire.ReadLength(_recv.AsSpan(start)) : Wire.HeaderLength;
                    var target = need > _recv.Length ? new byte[Math.Max(need, _recv.Length * 2)] : _recv;
                    Buffer.BlockCopy(_recv, start, target, 0, pending);
                    _recv = target;
                    start = 0;
                    end = pending;
                }

                var n = await socket.ReceiveAsync(_recv.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    reason = "controller closed the connection";
                    break;
                }

                end += n;
                Volatile.Write(ref _lastRxTicks, Stopwatch.GetTimestamp());
                var consumed = Parse(_recv.AsSpan(start, end - start), out reason);
                if (reason is not null)
                {
                    break;
                }

                start += consumed;
                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            reason = ex is SocketException se ? $"socket: {se.SocketErrorCode}" : "closed";
        }

        Fail(socket, reason ?? "closed");
        if (_recv.Length > _recvInitial * 4)
        {
            _recv = new byte[_recvInitial];
        }
    }

    /// <summary>Consumes whole messages from <paramref name="data"/>; returns the bytes consumed.</summary>
    private int Parse(ReadOnlySpan<byte> data, out string? fatal)
    {
        fatal = null;
        var pos = 0;
        var foOffset = Wire.FlowModBufferIdOffset(_v);
        while (data.Length - pos >= Wire.HeaderLength)
        {
            var m = data[pos..];
            var len = Wire.ReadLength(m);
            if (len < Wire.HeaderLength)
            {
                fatal = $"controller sent a message with length {len} (< 8)";
                return pos;
            }

            if (m.Length < len)
            {
                break;
            }

            m = m[..len];
            var type = m[1];
            if (type == Wire.FlowMod && m[0] == _v && len >= foOffset + 4)
            {
                var command = _v == Wire.V10 ? BinaryPrimitives.ReadUInt16BigEndian(m[56..]) : m[25];
                if (command <= 2)
                {
                    FlowMods++;
                    if (_latencyActive)
                    {
                        OnLatencyResponse(BinaryPrimitives.ReadUInt32BigEndian(m[foOffset..]));
                    }
                }
                else
                {
                    OtherFlowMods++;
                }

                if (FirstFlowModTicks == 0)
                {
                    FirstFlowModTicks = Stopwatch.GetTimestamp();
                    if (_featuresSent)
                    {
                        MarkReady(ReadyReason.FlowMod, FirstFlowModTicks);
                    }
                }
            }
            else if (type == Wire.PacketOut && m[0] == _v && len >= 16)
            {
                PacketOuts++;
                if (_latencyActive)
                {
                    OnLatencyResponse(BinaryPrimitives.ReadUInt32BigEndian(m[8..]));
                }
            }
            else
            {
                fatal = OnControl(m);
                if (fatal is not null)
                {
                    return pos + len;
                }
            }

            pos += len;
        }

        return pos;
    }

    private void OnLatencyResponse(uint bufferId)
    {
        lock (_sendLock)
        {
            if (!_latencyActive || bufferId != _outstanding)
            {
                return;
            }

            RoundTrips++;
            RoundTripTicks += Stopwatch.GetTimestamp() - _outstandingSince;
            SendProbeLocked();
        }
    }

    /// <summary>Handles a message that is not a counted response. Returns a reason to close, or null.</summary>
    private string? OnControl(ReadOnlySpan<byte> m)
    {
        var version = m[0];
        var type = m[1];
        var xid = Wire.ReadXid(m);
        if (type == Wire.Hello)
        {
            return null; // Our HELLO went first; version mismatches show up as ERROR or as the next message's version.
        }

        if (type == Wire.Error)
        {
            ErrorsReceived++;
            var errType = m.Length >= 12 ? BinaryPrimitives.ReadUInt16BigEndian(m[8..]) : (ushort)0xffff;
            if (errType == Wire.ErrHelloFailed)
            {
                var text = m.Length > 12 ? System.Text.Encoding.ASCII.GetString(m[12..]).TrimEnd('\0') : "";
                return $"controller refused OpenFlow {Wire.VersionName(_v)} (HELLO_FAILED) {text}".TrimEnd();
            }

            return null;
        }

        if (version != _v)
        {
            return $"controller sent type {type} with version 0x{version:x2}; this switch speaks OpenFlow {Wire.VersionName(_v)} only";
        }

        switch (type)
        {
            case Wire.EchoRequest:
                SendControl(Wire.BuildMirror(m, Wire.EchoReply, _v));
                return null;
            case Wire.FeaturesRequest:
                SendControl(Wire.BuildFeaturesReply(_v, xid, Dpid, Index, _o.Ports));
                _featuresSent = true;
                return null;
            case Wire.GetConfigRequest:
                SendControl(Wire.BuildGetConfigReply(_v, xid));
                return null;
            case Wire.SetConfig or Wire.EchoReply or Wire.PortStatus or Wire.FlowMod or Wire.PacketOut:
                return null;
            case Wire.RoleRequest13 when _v == Wire.V13 && m.Length >= 24:
                SendControl(Wire.BuildMirror(m, Wire.RoleReply13, _v));
                return null;
            case Wire.Experimenter:
                SendControl(Wire.BuildError(_v, xid, Wire.ErrBadRequest, Wire.BadRequestBadExperimenter, m));
                return null;
        }

        if (type == Wire.BarrierRequest(_v))
        {
            SendControl(Wire.BuildEmpty(_v, Wire.BarrierReply(_v), xid));
            if (_featuresSent && FirstBarrierTicks == 0)
            {
                FirstBarrierTicks = Stopwatch.GetTimestamp();
                MarkReady(ReadyReason.Barrier, FirstBarrierTicks);
            }

            return null;
        }

        if (type == Wire.StatsRequest(_v) && m.Length >= 12)
        {
            var statsType = BinaryPrimitives.ReadUInt16BigEndian(m[8..]);
            byte[] reply = statsType switch
            {
                Wire.StatsDesc => Wire.BuildDescReply(_v, xid, Dpid),
                Wire.StatsFlow => Wire.BuildEmptyStatsReply(_v, xid, statsType),
                Wire.MultipartPortDesc when _v == Wire.V13 => Wire.BuildPortDescReply(xid, Index, _o.Ports),
                _ => Wire.BuildError(_v, xid, Wire.ErrBadRequest, Wire.BadRequestBadStat, m),
            };
            SendControl(reply);
            return null;
        }

        SendControl(Wire.BuildError(_v, xid, Wire.ErrBadRequest, Wire.BadRequestBadType, m));
        return null;
    }

    private void MarkReady(ReadyReason reason, long ticks)
    {
        if (_ready.Task.IsCompleted)
        {
            return;
        }

        Handshakes++;
        if (ReadyBy == ReadyReason.None)
        {
            ReadyBy = reason;
            ReadyTicks = ticks;
        }

        _ready.TrySetResult(true);
    }

    private void Fail(Socket socket, string reason)
    {
        if (!ReferenceEquals(socket, _socket))
        {
            return;
        }

        var wasReady = _ready.Task.IsCompleted && _ready.Task.Result;
        Connected = false;
        lock (_sendLock)
        {
            _latencyActive = false;
        }

        if (!_stopping)
        {
            Disconnects++;
            Failure = reason;
            if (wasReady && !Malicious && DisconnectedDuringRun is null)
            {
                DisconnectedDuringRun = reason;
            }
        }

        _ready.TrySetResult(false);
        Close(socket);
    }

    private static void Close(Socket? socket)
    {
        if (socket is null)
        {
            return;
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    /// <summary>The template messages, for <c>--dump</c>.</summary>
    public IEnumerable<(string Name, byte[] Bytes)> DumpTemplates()
    {
        var pi = new byte[_stream.MessageLength * 2];
        _stream.WriteTemplates(pi, 2);
        _stream.Patch(pi, 2);
        yield return ("HELLO", Wire.BuildHello(_v, 1));
        yield return ("FEATURES_REPLY", Wire.BuildFeaturesReply(_v, 2, Dpid, Index, _o.Ports));
        if (_v == Wire.V13)
        {
            yield return ("PORT_DESC reply", Wire.BuildPortDescReply(3, Index, _o.Ports));
        }

        yield return ("DESC reply", Wire.BuildDescReply(_v, 4, Dpid));
        yield return ("GET_CONFIG_REPLY", Wire.BuildGetConfigReply(_v, 5));
        yield return ("BARRIER_REPLY", Wire.BuildEmpty(_v, Wire.BarrierReply(_v), 6));
        yield return ("PACKET_IN #1", pi[.._stream.MessageLength]);
        yield return ("PACKET_IN #2", pi[_stream.MessageLength..]);
        foreach (var kind in BadMessages.All)
        {
            var bad = BadMessages.Build(kind, _v, 7, new Random(1));
            yield return ($"bad {BadMessages.Name(kind)} ({bad.Length} bytes)", bad.Length > 128 ? bad[..128] : bad);
        }
    }
}
