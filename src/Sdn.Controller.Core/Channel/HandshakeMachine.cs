using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Channel;

/// <summary>
/// The controller side of the OpenFlow handshake as a pure state machine (no I/O): HELLO with version bitmap
/// (OpenFlow 1.3.5 §6.3.1, §7.5.1) → FEATURES_REQUEST (§7.3.1) → MULTIPART PORT_DESC (§7.3.5.7) →
/// SET_CONFIG (§7.3.2) + BARRIER (§7.3.8) → <see cref="HandshakeState.Ready"/>. With OpenFlow 1.0, which lists
/// the ports in FEATURES_REPLY (OpenFlow 1.0.0 §5.3.1) and has no PORT_DESC, SET_CONFIG + BARRIER follow the
/// FEATURES_REPLY directly.
/// Methods return the messages to send; the caller does the I/O. Time comes from the <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Messages that do not belong to the handshake are ignored, such as PORT_STATUS before FEATURES_REPLY (Open vSwitch
/// sends one for its LOCAL port); a PORT_STATUS after the PORT_DESC reply updates <see cref="Ports"/>. Auxiliary
/// connections (FEATURES_REPLY auxiliary_id ≠ 0) are refused; ECHO is the caller's job in every state. Not thread-safe: one connection's loop drives it.
/// </remarks>
public sealed class HandshakeMachine
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;
    private readonly IReadOnlyList<OfpVersion> _supported;
    private readonly ushort _missSendLength;
    private readonly Func<Xid> _nextXid;
    private readonly long _startTimestamp;
    private readonly List<PortDescription> _ports = [];
    private Xid _featuresXid, _portDescXid, _setConfigXid, _barrierXid;

    /// <summary>Creates the machine; the handshake clock starts now.</summary>
    /// <param name="clock">Time source.</param>
    /// <param name="timeout">Time allowed from creation to Ready.</param>
    /// <param name="supported">Versions we speak (non-empty).</param>
    /// <param name="missSendLength">miss_send_len for SET_CONFIG, bytes.</param>
    /// <param name="nextXid">Allocates xids shared with the connection's other requests.</param>
    public HandshakeMachine(TimeProvider clock, TimeSpan timeout, IReadOnlyList<OfpVersion> supported, ushort missSendLength, Func<Xid> nextXid)
    {
        if (supported.Count == 0)
        {
            throw new ArgumentException("At least one supported version.", nameof(supported));
        }

        _clock = clock;
        _timeout = timeout;
        _supported = supported;
        _missSendLength = missSendLength;
        _nextXid = nextXid;
        _startTimestamp = clock.GetTimestamp();
    }

    /// <summary>Current state.</summary>
    public HandshakeState State { get; private set; } = HandshakeState.AwaitingHello;

    /// <summary>The negotiated version, once the peer's HELLO is in.</summary>
    public OfpVersion? Version { get; private set; }

    /// <summary>The header version to put on an OFPT_ERROR before negotiation (the peer's HELLO version, else ours).</summary>
    public byte ErrorVersion { get; private set; }

    /// <summary>The FEATURES_REPLY, once received.</summary>
    public FeaturesReply? Features { get; private set; }

    /// <summary>Ports from PORT_DESC (OpenFlow 1.0: from FEATURES_REPLY), complete once Ready.</summary>
    public IReadOnlyList<PortDescription> Ports => _ports;

    /// <summary>Why the handshake failed (readable), when <see cref="State"/> is Failed.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>A non-fatal error the switch reported during the handshake (e.g. SET_CONFIG refused).</summary>
    public Error? Warning { get; private set; }

    /// <summary>The HELLO to send at once on connect: header version = our highest, plus a version bitmap.</summary>
    public OfpMessage Start()
    {
        var hello = Hello.Offering([.. _supported]) with { Xid = _nextXid() };
        ErrorVersion = hello.Version;
        return hello;
    }

    /// <summary>Feeds one message from the switch.</summary>
    /// <returns>Messages to send, in order (may be empty).</returns>
    public IReadOnlyList<OfpMessage> OnMessage(OfpMessage message)
    {
        switch (State, message)
        {
            case (HandshakeState.AwaitingHello, Hello hello):
                return OnHello(hello);
            case (HandshakeState.AwaitingFeatures, FeaturesReply { AuxiliaryId: not 0 } aux) when aux.Xid == _featuresXid:
                Fail($"auxiliary connection {aux.AuxiliaryId} of dpid {aux.DatapathId} is not supported (OpenFlow 1.3.5 §6.3.6); only main connections");
                return [];
            case (HandshakeState.AwaitingFeatures, FeaturesReply f) when f.Xid == _featuresXid:
                Features = f;
                if (Version == OfpVersion.OpenFlow10)
                {
                    // OpenFlow 1.0 lists the ports in FEATURES_REPLY (1.0.0 §5.3.1) and has no PORT_DESC.
                    _ports.AddRange(f.Ports);
                    return ConfigureAndBarrier();
                }

                _portDescXid = _nextXid();
                State = HandshakeState.AwaitingPortDesc;
                return [new PortDescRequest { Xid = _portDescXid }];
            case (HandshakeState.AwaitingPortDesc, PortDescReply p) when p.Xid == _portDescXid:
                _ports.AddRange(p.Ports);
                if ((p.Flags & MultipartFlags.More) != 0)
                {
                    return [];
                }

                return ConfigureAndBarrier();
            case (HandshakeState.AwaitingBarrier, PortStatus ps):
                // Sent after the PORT_DESC snapshot, so newer than it: apply.
                _ports.RemoveAll(p => p.PortNo == ps.Port.PortNo);
                if (ps.Reason != PortStatusReason.Delete)
                {
                    _ports.Add(ps.Port);
                }

                return [];
            case (HandshakeState.AwaitingBarrier, BarrierReply b) when b.Xid == _barrierXid:
                State = HandshakeState.Ready;
                return [];
            case (_, Error e) when State is not (HandshakeState.Ready or HandshakeState.Failed):
                return OnError(e);
            default:
                return [];
        }
    }

    /// <summary>Checks the handshake deadline.</summary>
    /// <returns>True if the handshake just failed by timeout.</returns>
    public bool CheckTimeout()
    {
        if (State is HandshakeState.Ready or HandshakeState.Failed || _clock.GetElapsedTime(_startTimestamp) < _timeout)
        {
            return false;
        }

        Fail($"handshake timed out after {_timeout.TotalSeconds:0.###} s in state {State}");
        return true;
    }

    private IReadOnlyList<OfpMessage> OnHello(Hello hello)
    {
        ErrorVersion = Math.Min(hello.Version, (byte)_supported.Max());
        var version = VersionNegotiation.Negotiate(_supported, hello);
        if (version is null)
        {
            var text = $"HELLO_FAILED/INCOMPATIBLE: controller speaks OpenFlow {VersionNegotiation.Describe(_supported.Select(v => (byte)v))}; switch offered {VersionNegotiation.Describe(hello.OfferedVersions)}";
            Fail(text);
            var error = new Error(ErrorType.HelloFailed, (ushort)HelloFailedCode.Incompatible, System.Text.Encoding.ASCII.GetBytes(text)) { Xid = hello.Xid };
            return [error];
        }

        Version = version;
        ErrorVersion = (byte)version.Value;
        _featuresXid = _nextXid();
        State = HandshakeState.AwaitingFeatures;
        return [new FeaturesRequest { Xid = _featuresXid }];
    }

    private IReadOnlyList<OfpMessage> ConfigureAndBarrier()
    {
        _setConfigXid = _nextXid();
        _barrierXid = _nextXid();
        State = HandshakeState.AwaitingBarrier;
        return [new SetConfig(ConfigFlags.FragNormal, _missSendLength) { Xid = _setConfigXid }, new BarrierRequest { Xid = _barrierXid }];
    }

    private IReadOnlyList<OfpMessage> OnError(Error e)
    {
        if (e.Xid == _setConfigXid && State == HandshakeState.AwaitingBarrier)
        {
            Warning = e; // SET_CONFIG refused: keep going, the barrier still answers.
            return [];
        }

        Fail($"switch answered the handshake with {e} {e.DataAsText}".TrimEnd());
        return [];
    }

    private void Fail(string reason)
    {
        State = HandshakeState.Failed;
        FailureReason = reason;
    }
}
