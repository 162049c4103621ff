using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.V13;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Host.Tests.Infrastructure;

/// <summary>
/// The switch side of an OpenFlow 1.3 (or 1.0) connection over loopback TCP, for driving the in-process controller.
/// Sends HELLO (1.3: version 4 with a version bitmap; 1.0: version 1 without bitmap, as Open vSwitch does) on connect
/// unless told not to; answers FEATURES_REQUEST (FEATURES_REPLY for <see cref="Dpid"/>, listing the ports in 1.0),
/// PORT_DESC (the ports given), BARRIER_REQUEST and ECHO_REQUEST (while
/// <see cref="AnswerEcho"/>); records every frame it receives, decoded where possible. Every wait is bounded
/// (default <see cref="DefaultTimeout"/>); a wait that runs out throws <see cref="TimeoutException"/> naming what was received.
/// </summary>
public sealed class EmulatedSwitch : IAsyncDisposable
{
    /// <summary>Default bound for every wait.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly object _gate = new();
    private readonly List<ReceivedFrame> _received = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<PortDescription> _ports;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private int _cursor;
    private uint _nextXid = 0x7000_0000;
    private long _closedAtTimestamp;
    private int _disposed;
    private volatile TaskCompletionSource? _readPause;

    private EmulatedSwitch(TcpClient client, DatapathId dpid, IReadOnlyList<PortDescription> ports, OfpVersion version)
    {
        _client = client;
        _stream = client.GetStream();
        Dpid = dpid;
        _ports = ports;
        Version = version;
        Codec = OpenFlowCodecs.For(version);
    }

    /// <summary>The version this switch speaks (its HELLO, its encoder, its FEATURES_REPLY).</summary>
    public OfpVersion Version { get; }

    /// <summary>The codec of <see cref="Version"/>.</summary>
    public IOpenFlowCodec Codec { get; }

    /// <summary>The dpid put in FEATURES_REPLY.</summary>
    public DatapathId Dpid { get; }

    /// <summary>Whether ECHO_REQUESTs from the controller are answered (switch it off to play a dead switch).</summary>
    public bool AnswerEcho { get; set; } = true;

    /// <summary>Whether FEATURES_REQUEST, PORT_DESC and BARRIER_REQUEST are answered.</summary>
    public bool AnswerHandshake { get; set; } = true;

    /// <summary>
    /// Answers chosen by the test: called for every decoded message before the built-in answers; a non-null result
    /// is sent (in order) instead of them.
    /// </summary>
    public Func<OfpMessage, IEnumerable<OfpMessage>?>? Responder { get; set; }

    /// <summary>Number of PORT_DESC reply messages the ports are split into (all but the last flagged MORE).</summary>
    public int PortDescParts { get; set; } = 1;

    /// <summary>This side's address (the controller sees it as the remote end point).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    /// <summary>True once the controller closed the connection (EOF or reset).</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Stopwatch timestamp of the close, once <see cref="IsClosed"/>.</summary>
    public long ClosedAtTimestamp => Interlocked.Read(ref _closedAtTimestamp);

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<ReceivedFrame> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Messages received so far that decoded to <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> ReceivedOf<T>()
        where T : OfpMessage => Received.Select(f => f.Message).OfType<T>().ToArray();

    /// <summary>Three up ports named s-eth1..3 with MACs 02:00:00:00:00:0n.</summary>
    public static IReadOnlyList<PortDescription> DefaultPorts { get; } = Enumerable.Range(1, 3)
        .Select(i => new PortDescription(new PortNumber((uint)i), new MacAddress(0x0200_0000_0000UL + (ulong)i), $"s-eth{i}", PortConfig.None, PortState.Live)
        {
            CurrentSpeedKbps = 10_000_000,
            MaxSpeedKbps = 10_000_000,
        })
        .ToArray();

    /// <summary>Connects to the controller on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The controller's TCP port.</param>
    /// <param name="dpid">The dpid to announce.</param>
    /// <param name="sendHello">Send an OpenFlow 1.3 HELLO with version bitmap at once.</param>
    /// <param name="ports">Ports for PORT_DESC (default <see cref="DefaultPorts"/>).</param>
    /// <param name="version">The version to speak: OpenFlow 1.3 (default) or 1.0.</param>
    /// <exception cref="TimeoutException">The connection was not accepted within <see cref="DefaultTimeout"/>.</exception>
    public static async Task<EmulatedSwitch> ConnectAsync(int port, ulong dpid, bool sendHello = true, IReadOnlyList<PortDescription>? ports = null, OfpVersion version = OfpVersion.OpenFlow13)
    {
        var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        try
        {
            using var cts = new CancellationTokenSource(DefaultTimeout);
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var sw = new EmulatedSwitch(client, new DatapathId(dpid), ports ?? DefaultPorts, version);
        sw._receiveLoop = Task.Run(sw.ReceiveLoopAsync);
        if (sendHello)
        {
            var hello = version == OfpVersion.OpenFlow10 ? new Hello(1, []) : Hello.Offering(version);
            await sw.SendAsync(hello with { Xid = sw.NextXid() });
        }

        return sw;
    }

    /// <summary>A fresh xid from this switch's own range (0x7000_0000 upwards, apart from the controller's).</summary>
    public Xid NextXid() => new(Interlocked.Increment(ref _nextXid));

    /// <summary>Encodes and sends a message (HELLO via the common codec, the rest in <see cref="Version"/>).</summary>
    public Task SendAsync(OfpMessage message)
    {
        var bytes = message is Hello h ? EncodeHello(h) : Codec.Encode(message);
        return SendRawAsync(bytes);
    }

    /// <summary>Sends bytes as they are.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await _writeLock.WaitAsync(cts.Token);
        try
        {
            await _stream.WriteAsync(bytes, cts.Token);
            await _stream.FlushAsync(cts.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends an ECHO_REQUEST and waits for the ECHO_REPLY with its xid and payload.</summary>
    public async Task<EchoReply> EchoAsync(TimeSpan? timeout = null)
    {
        var xid = NextXid();
        byte[] payload = [0xde, 0xad, 0xbe, 0xef];
        await SendAsync(new EchoRequest(payload) { Xid = xid });
        var reply = await WaitForAsync<EchoReply>(r => r.Xid == xid, timeout);
        Assert.Equal(payload, reply.Data.AsSpan().ToArray());
        return reply;
    }

    /// <summary>Waits until the controller's BARRIER_REQUEST of the handshake has been answered.</summary>
    public Task WaitHandshakeAnsweredAsync(TimeSpan? timeout = null) => WaitForAsync<BarrierRequest>(null, timeout, fromStart: true);

    /// <summary>
    /// Waits for the next frame after the cursor (whatever it is), moves the cursor past it and returns it.
    /// </summary>
    public async Task<ReceivedFrame> NextFrameAsync(TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + ToTicks(timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            var wasClosed = IsClosed; // read before scanning: every frame is added before the close is signalled
            lock (_gate)
            {
                if (_cursor < _received.Count)
                {
                    return _received[_cursor++];
                }

                changed = _changed.Task;
            }

            await WaitChangeAsync(changed, wasClosed, deadline, "any frame");
        }
    }

    /// <summary>
    /// Waits for the first message of type <typeparamref name="T"/> after the cursor that satisfies
    /// <paramref name="match"/>, moves the cursor past it and returns it (frames skipped over stay in <see cref="Received"/>).
    /// </summary>
    /// <param name="match">Filter; null accepts any <typeparamref name="T"/>.</param>
    /// <param name="timeout">Bound (default <see cref="DefaultTimeout"/>).</param>
    /// <param name="fromStart">Search the whole history, not just after the cursor (cursor left as is).</param>
    /// <exception cref="TimeoutException">Nothing matched in time.</exception>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null, bool fromStart = false)
        where T : OfpMessage
    {
        var deadline = Stopwatch.GetTimestamp() + ToTicks(timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            var wasClosed = IsClosed; // read before scanning: every frame is added before the close is signalled
            lock (_gate)
            {
                for (var i = fromStart ? 0 : _cursor; i < _received.Count; i++)
                {
                    if (_received[i].Message is T m && (match is null || match(m)))
                    {
                        if (!fromStart)
                        {
                            _cursor = i + 1;
                        }

                        return m;
                    }
                }

                changed = _changed.Task;
            }

            await WaitChangeAsync(changed, wasClosed, deadline, typeof(T).Name);
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages of type <typeparamref name="T"/> satisfying <paramref name="match"/> have arrived in total.</summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync<T>(int count, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : OfpMessage
    {
        var deadline = Stopwatch.GetTimestamp() + ToTicks(timeout ?? DefaultTimeout);
        var found = new List<T>();
        var scanned = 0;
        while (true)
        {
            Task changed;
            var wasClosed = IsClosed; // read before scanning: every frame is added before the close is signalled
            lock (_gate)
            {
                for (; scanned < _received.Count; scanned++)
                {
                    if (_received[scanned].Message is T m && (match is null || match(m)))
                    {
                        found.Add(m);
                    }
                }

                if (found.Count >= count)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await WaitChangeAsync(changed, wasClosed, deadline, $"{count} x {typeof(T).Name} (have {found.Count})");
        }
    }

    /// <summary>Waits for the controller to close the connection.</summary>
    /// <returns>True if it closed within <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        try
        {
            await _closed.Task.WaitAsync(timeout ?? DefaultTimeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Stops taking bytes off the socket (a switch that does not read), until <see cref="ResumeReceiving"/>.</summary>
    public void PauseReceiving() => _readPause ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads from the socket again after <see cref="PauseReceiving"/>.</summary>
    public void ResumeReceiving() => Interlocked.Exchange(ref _readPause, null)?.TrySetResult();

    /// <summary>Moves the cursor to the end: later waits only see frames that arrive from now on.</summary>
    public void SkipReceived()
    {
        lock (_gate)
        {
            _cursor = _received.Count;
        }
    }

    /// <summary>Closes the socket and stops the receive loop (bounded). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        ResumeReceiving();
        _client.Dispose();
        try
        {
            await _receiveLoop.WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>A short description of what was received, for failure messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return $"dpid {Dpid}: {_received.Count} frame(s), closed={IsClosed}: "
                + string.Join(", ", _received.TakeLast(12).Select(f => f.ToString()));
        }
    }

    /// <summary>Encodes a HELLO as the switch sends it.</summary>
    public static byte[] EncodeHello(Hello hello)
    {
        var bytes = new byte[CommonCodec.HelloLength(hello)];
        CommonCodec.WriteHello(hello, bytes);
        return bytes;
    }

    private async Task ReceiveLoopAsync()
    {
        var header = new byte[OfpHeader.Size];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!await ReadExactlyOrEofAsync(header))
                {
                    return;
                }

                var h = OfpHeader.Read(header);
                if (h.Length < OfpHeader.Size)
                {
                    Add(new ReceivedFrame(h, [.. header], null, $"controller sent impossible length {h.Length}"));
                    return;
                }

                var frame = new byte[h.Length];
                header.CopyTo(frame, 0);
                if (!await ReadExactlyOrEofAsync(frame.AsMemory(OfpHeader.Size)))
                {
                    return;
                }

                var received = Decode(h, frame);
                Add(received);
                await AnswerAsync(received.Message);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Exchange(ref _closedAtTimestamp, Stopwatch.GetTimestamp());
            _closed.TrySetResult();
            Pulse();
        }
    }

    private async Task<bool> ReadExactlyOrEofAsync(Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            if (_readPause is { } pause)
            {
                await pause.Task.WaitAsync(_stop.Token);
            }

            var n = await _stream.ReadAsync(buffer[read..], _stop.Token);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static ReceivedFrame Decode(OfpHeader h, byte[] frame)
    {
        try
        {
            OfpMessage message = h.Type switch
            {
                CommonCodec.HelloType => CommonCodec.DecodeHello(frame),
                CommonCodec.ErrorType when h.Version is not ((byte)OfpVersion.OpenFlow13 or (byte)OfpVersion.OpenFlow10) => CommonCodec.DecodeError(frame),
                _ when h.Version == (byte)OfpVersion.OpenFlow13 => OpenFlow13Codec.Instance.Decode(frame),
                _ when h.Version == (byte)OfpVersion.OpenFlow10 => OpenFlow10Codec.Instance.Decode(frame),
                _ => throw new OpenFlowDecodeException(ErrorType.BadRequest, (ushort)BadRequestCode.BadVersion, $"version 0x{h.Version:x2}"),
            };
            return new ReceivedFrame(h, frame, message, null);
        }
        catch (OpenFlowDecodeException ex)
        {
            return new ReceivedFrame(h, frame, null, ex.Message);
        }
    }

    private async Task AnswerAsync(OfpMessage? message)
    {
        if (message is null)
        {
            return;
        }

        var replies = Responder?.Invoke(message) ?? DefaultAnswers(message);
        foreach (var reply in replies)
        {
            await SendAsync(reply);
        }
    }

    /// <summary>What the switch answers to <paramref name="message"/> without a <see cref="Responder"/> (for responders that add to it).</summary>
    public IEnumerable<OfpMessage> DefaultAnswersFor(OfpMessage message) => DefaultAnswers(message);

    private IEnumerable<OfpMessage> DefaultAnswers(OfpMessage message) => message switch
    {
        EchoRequest e when AnswerEcho => [new EchoReply(e.Data) { Xid = e.Xid }],
        FeaturesRequest f when AnswerHandshake && Version == OfpVersion.OpenFlow10 => [new FeaturesReply(Dpid, 256, 254, 0,
            SwitchCapabilities.FlowStats | SwitchCapabilities.TableStats | SwitchCapabilities.PortStats | SwitchCapabilities.ArpMatchIp) { Xid = f.Xid, Ports = [.. _ports] }],
        FeaturesRequest f when AnswerHandshake => [new FeaturesReply(Dpid, 256, 254, 0,
            SwitchCapabilities.FlowStats | SwitchCapabilities.TableStats | SwitchCapabilities.PortStats | SwitchCapabilities.GroupStats) { Xid = f.Xid }],
        PortDescRequest p when AnswerHandshake => PortDescReplies(p.Xid),
        BarrierRequest b when AnswerHandshake => [new BarrierReply { Xid = b.Xid }],
        _ => [],
    };

    /// <summary>The PORT_DESC reply for <paramref name="xid"/>, split into <see cref="PortDescParts"/> messages.</summary>
    public IEnumerable<OfpMessage> PortDescReplies(Xid xid)
    {
        var parts = Math.Max(1, PortDescParts);
        var per = (_ports.Count + parts - 1) / parts;
        for (var i = 0; i < parts; i++)
        {
            var chunk = _ports.Skip(i * per).Take(per).ToArray();
            yield return new PortDescReply(chunk) { Xid = xid, Flags = i < parts - 1 ? MultipartFlags.More : MultipartFlags.None };
        }
    }

    private void Add(ReceivedFrame frame)
    {
        lock (_gate)
        {
            _received.Add(frame);
        }

        Pulse();
    }

    private void Pulse()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    private async Task WaitChangeAsync(Task changed, bool wasClosed, long deadline, string what)
    {
        if (wasClosed)
        {
            throw new TimeoutException($"Connection closed while waiting for {what}; {Describe()}");
        }

        var left = deadline - Stopwatch.GetTimestamp();
        if (left <= 0)
        {
            throw new TimeoutException($"Timed out waiting for {what}; {Describe()}");
        }

        try
        {
            await changed.WaitAsync(TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what}; {Describe()}");
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>One frame the emulated switch received.</summary>
/// <param name="Header">Its header.</param>
/// <param name="Bytes">The whole frame.</param>
/// <param name="Message">Decoded message, or null when it did not decode.</param>
/// <param name="DecodeError">Why it did not decode.</param>
public sealed record ReceivedFrame(OfpHeader Header, byte[] Bytes, OfpMessage? Message, string? DecodeError)
{
    /// <summary>Stopwatch timestamp of arrival.</summary>
    public long Timestamp { get; init; } = Stopwatch.GetTimestamp();

    /// <summary>Type name (or header) for failure messages.</summary>
    public override string ToString() => Message is { } m
        ? m is Error e ? $"Error(v{Header.Version} {e})" : m.GetType().Name
        : $"undecoded(v{Header.Version} t{Header.Type} len {Header.Length}: {DecodeError})";
}

/// <summary>Builders for raw frames that the codec would refuse to produce.</summary>
public static class RawFrames
{
    /// <summary>An 8-byte header with any values.</summary>
    public static byte[] Header(byte version, byte type, ushort length, uint xid)
    {
        var b = new byte[OfpHeader.Size];
        b[0] = version;
        b[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), length);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), xid);
        return b;
    }

    /// <summary>A whole message: header (length = 8 + body) and body.</summary>
    public static byte[] Message(byte version, byte type, uint xid, ReadOnlySpan<byte> body)
    {
        var b = new byte[OfpHeader.Size + body.Length];
        Header(version, type, (ushort)b.Length, xid).CopyTo(b, 0);
        body.CopyTo(b.AsSpan(OfpHeader.Size));
        return b;
    }
}
