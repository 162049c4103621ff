using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Channel;

/// <summary>
/// Echo keep-alive (OpenFlow 1.3.5 §6.3.2, §7.5.2) as a pure state machine: when nothing has been received for
/// one interval, send ECHO_REQUEST; every further interval without any message from the switch sends another;
/// after <c>missLimit</c> unanswered requests in a row the connection is declared dead. Any message from the
/// switch counts as a sign of life.
/// </summary>
/// <remarks>
/// Thread-safe: the connection's read loop reports messages while its timer loop ticks, so both go through one lock
/// (a reset racing with a probe must not be lost, or the switch is dropped after fewer probes than configured).
/// </remarks>
public sealed class KeepAliveMachine
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly int _missLimit;
    private readonly Func<Xid> _nextXid;
    private readonly Lock _gate = new();
    private long _lastActivity;
    private int _unanswered;

    /// <summary>Creates the machine; the idle clock starts now.</summary>
    /// <param name="clock">Time source.</param>
    /// <param name="interval">Idle time before a probe, and between probes.</param>
    /// <param name="missLimit">Unanswered probes that make the switch dead (≥ 1).</param>
    /// <param name="nextXid">Xid allocator.</param>
    public KeepAliveMachine(TimeProvider clock, TimeSpan interval, int missLimit, Func<Xid> nextXid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(missLimit, 1);
        _clock = clock;
        _interval = interval;
        _missLimit = missLimit;
        _nextXid = nextXid;
        _lastActivity = clock.GetTimestamp();
    }

    /// <summary>Echo requests sent since the switch last said anything.</summary>
    public int Unanswered
    {
        get
        {
            lock (_gate)
            {
                return _unanswered;
            }
        }
    }

    /// <summary>True once the switch missed <c>missLimit</c> probes.</summary>
    public bool IsDead { get; private set; }

    /// <summary>Records that a message arrived from the switch.</summary>
    public void OnMessageReceived()
    {
        lock (_gate)
        {
            _lastActivity = _clock.GetTimestamp();
            _unanswered = 0;
        }
    }

    /// <summary>Advances time.</summary>
    /// <returns>An ECHO_REQUEST to send, or null.</returns>
    public EchoRequest? OnTick()
    {
        lock (_gate)
        {
            if (IsDead || _clock.GetElapsedTime(_lastActivity) < _interval * (_unanswered + 1))
            {
                return null;
            }

            if (_unanswered >= _missLimit)
            {
                IsDead = true;
                return null;
            }

            _unanswered++;
        }

        return new EchoRequest(ValueArray<byte>.Empty) { Xid = _nextXid() };
    }
}
