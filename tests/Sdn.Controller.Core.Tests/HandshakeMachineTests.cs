using Sdn.Controller.Channel;
using Sdn.Controller.Core.Tests.Support;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;
using Sdn.OpenFlow.Wire;

namespace Sdn.Controller.Core.Tests;

public class HandshakeMachineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _clock = new();

    /// <summary>A machine offering what the controller offers: OpenFlow 1.3 and 1.0, 1.3 preferred.</summary>
    private HandshakeMachine NewMachine() => new(_clock, Timeout, SwitchConnectionFactory.SupportedVersions, 0xffff, Msg.Counter());

    /// <summary>Drives a machine through HELLO and returns the FEATURES_REQUEST it sent.</summary>
    private static FeaturesRequest AfterHello(HandshakeMachine m)
    {
        m.Start();
        return Assert.IsType<FeaturesRequest>(Assert.Single(m.OnMessage(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(77) })));
    }

    [Fact]
    public void The_controller_offers_1_3_then_1_0()
    {
        Assert.Equal([OfpVersion.OpenFlow13, OfpVersion.OpenFlow10], SwitchConnectionFactory.SupportedVersions);
        Assert.All(SwitchConnectionFactory.SupportedVersions, v => Assert.Equal(v, OpenFlowCodecs.For(v).Version));
    }

    [Fact]
    public void Start_sends_a_1_3_hello_with_a_version_bitmap_of_1_0_and_1_3()
    {
        var m = NewMachine();
        var hello = Assert.IsType<Hello>(m.Start());

        Assert.Equal(HandshakeState.AwaitingHello, m.State);
        Assert.Equal(0x04, hello.Version);
        Assert.NotEqual(0u, hello.Xid.Value);
        var bitmap = Assert.IsType<HelloVersionBitmap>(Assert.Single(hello.Elements));
        Assert.Equal([(1u << 4) | (1u << 1)], bitmap.Bitmaps.ToArray());

        // On the wire (OpenFlow 1.3.5 §7.5.1): header, then element type 1, length 8, bitmap word 0x00000012.
        var bytes = new byte[CommonCodec.HelloLength(hello)];
        CommonCodec.WriteHello(hello, bytes);
        var x = hello.Xid.Value;
        byte[] expected = [0x04, 0x00, 0x00, 0x10, (byte)(x >> 24), (byte)(x >> 16), (byte)(x >> 8), (byte)x, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x12];
        Assert.Equal(expected, bytes);
    }

    public static TheoryData<string, Hello> OnlyOneZero() => new()
    {
        { "bitmap {1.0}", Hello.Offering(OfpVersion.OpenFlow10) },
        { "version 1 without bitmap", new Hello(1, []) },
        { "bitmap {1.0, 1.1, 1.2}", Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow11, OfpVersion.OpenFlow12) },
        { "version 6 with bitmap {1.0, 1.5}", new Hello(6, [new HelloVersionBitmap([(1u << 1) | (1u << 6)])]) },
    };

    [Theory]
    [MemberData(nameof(OnlyOneZero))]
    public void Negotiates_1_0_with(string _, Hello peer)
    {
        var m = NewMachine();
        m.Start();
        var sent = m.OnMessage(peer with { Xid = new Xid(5) });

        Assert.IsType<FeaturesRequest>(Assert.Single(sent));
        Assert.Equal(OfpVersion.OpenFlow10, m.Version);
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);
        Assert.Equal(0x01, m.ErrorVersion);
    }

    [Fact]
    public void With_1_0_the_ports_come_from_features_reply_and_set_config_follows_at_once()
    {
        var m = NewMachine();
        m.Start();
        var features = Assert.IsType<FeaturesRequest>(Assert.Single(m.OnMessage(new Hello(1, []) { Xid = new Xid(3) })));

        // No PORT_DESC in OpenFlow 1.0: FEATURES_REPLY lists the ports, then SET_CONFIG + BARRIER.
        var sent = m.OnMessage(Msg.Features(0xabc, features.Xid) with { Ports = [Msg.Port(1), Msg.Port(2)] });
        Assert.Equal(2, sent.Count);
        var setConfig = Assert.IsType<SetConfig>(sent[0]);
        Assert.Equal(new SetConfig(ConfigFlags.FragNormal, 0xffff) { Xid = setConfig.Xid }, setConfig);
        var barrier = Assert.IsType<BarrierRequest>(sent[1]);
        Assert.Equal(HandshakeState.AwaitingBarrier, m.State);
        Assert.DoesNotContain(sent, s => s is PortDescRequest);

        // A port added between the FEATURES_REPLY snapshot and the barrier is applied.
        Assert.Empty(m.OnMessage(new PortStatus(PortStatusReason.Add, Msg.Port(3))));
        Assert.Empty(m.OnMessage(new PortStatus(PortStatusReason.Delete, Msg.Port(1))));
        Assert.Empty(m.OnMessage(new BarrierReply { Xid = barrier.Xid }));
        Assert.Equal(HandshakeState.Ready, m.State);
        Assert.Equal(new DatapathId(0xabc), m.Features!.DatapathId);
        Assert.Equal([2u, 3u], m.Ports.Select(p => p.PortNo.Value).Order().ToArray());
    }

    [Fact]
    public void With_1_3_ports_listed_in_features_reply_are_not_taken_and_port_desc_is_asked()
    {
        var m = NewMachine();
        var features = AfterHello(m);
        var portDesc = Assert.IsType<PortDescRequest>(Assert.Single(m.OnMessage(Msg.Features(1, features.Xid) with { Ports = [Msg.Port(9)] })));
        var sent = m.OnMessage(new PortDescReply([Msg.Port(1)]) { Xid = portDesc.Xid });
        Assert.Empty(m.OnMessage(new BarrierReply { Xid = sent[1].Xid }));
        Assert.Equal([1u], m.Ports.Select(p => p.PortNo.Value).ToArray());
    }

    [Fact]
    public void Happy_path_reaches_ready_and_collects_ports_from_every_part()
    {
        var m = NewMachine();
        var hello = m.Start();

        var features = Assert.IsType<FeaturesRequest>(Assert.Single(m.OnMessage(Hello.Offering(OfpVersion.OpenFlow13) with { Xid = new Xid(100) })));
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);
        Assert.Equal(OfpVersion.OpenFlow13, m.Version);
        Assert.NotEqual(hello.Xid, features.Xid);

        var reply = Msg.Features(0xabc, features.Xid);
        var portDesc = Assert.IsType<PortDescRequest>(Assert.Single(m.OnMessage(reply)));
        Assert.Equal(HandshakeState.AwaitingPortDesc, m.State);
        Assert.Same(reply, m.Features);
        Assert.NotEqual(features.Xid, portDesc.Xid);

        Assert.Empty(m.OnMessage(new PortDescReply([Msg.Port(1), Msg.Port(2)]) { Xid = portDesc.Xid, Flags = MultipartFlags.More }));
        Assert.Equal(HandshakeState.AwaitingPortDesc, m.State);

        var sent = m.OnMessage(new PortDescReply([Msg.Port(3)]) { Xid = portDesc.Xid });
        Assert.Equal(2, sent.Count);
        var setConfig = Assert.IsType<SetConfig>(sent[0]);
        Assert.Equal(new SetConfig(ConfigFlags.FragNormal, 0xffff) { Xid = setConfig.Xid }, setConfig);
        var barrier = Assert.IsType<BarrierRequest>(sent[1]);
        Assert.Equal(HandshakeState.AwaitingBarrier, m.State);
        var xids = new[] { hello.Xid, features.Xid, portDesc.Xid, setConfig.Xid, barrier.Xid };
        Assert.Equal(xids.Length, xids.Distinct().Count());

        Assert.Empty(m.OnMessage(new BarrierReply { Xid = barrier.Xid }));
        Assert.Equal(HandshakeState.Ready, m.State);
        Assert.Equal([1u, 2u, 3u], m.Ports.Select(p => p.PortNo.Value).ToArray());
        Assert.Null(m.FailureReason);
        Assert.Null(m.Warning);
    }

    [Fact]
    public void Miss_send_length_comes_from_the_constructor()
    {
        var m = new HandshakeMachine(_clock, Timeout, SwitchConnectionFactory.SupportedVersions, 128, Msg.Counter());
        var features = AfterHello(m);
        var portDesc = m.OnMessage(Msg.Features(1, features.Xid))[0];
        var setConfig = Assert.IsType<SetConfig>(m.OnMessage(new PortDescReply([]) { Xid = portDesc.Xid })[0]);
        Assert.Equal(128, setConfig.MissSendLength);
    }

    [Fact]
    public void Port_status_before_features_reply_is_ignored()
    {
        var m = NewMachine();
        var features = AfterHello(m);

        Assert.Empty(m.OnMessage(new PortStatus(PortStatusReason.Add, Msg.Port(9)) { Xid = new Xid(0) }));
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);

        var portDesc = Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        var sent = m.OnMessage(new PortDescReply([Msg.Port(1)]) { Xid = portDesc.Xid });
        Assert.Empty(m.OnMessage(new BarrierReply { Xid = sent[1].Xid }));
        Assert.Equal(HandshakeState.Ready, m.State);
        Assert.Equal([1u], m.Ports.Select(p => p.PortNo.Value).ToArray());
    }

    [Fact]
    public void Replies_with_wrong_xids_are_ignored()
    {
        var m = NewMachine();
        var features = AfterHello(m);
        var wrong = new Xid(features.Xid.Value + 1000);

        Assert.Empty(m.OnMessage(Msg.Features(1, wrong)));
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);
        Assert.Null(m.Features);

        var portDesc = Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        Assert.Empty(m.OnMessage(new PortDescReply([Msg.Port(5)]) { Xid = wrong }));
        Assert.Equal(HandshakeState.AwaitingPortDesc, m.State);

        var sent = m.OnMessage(new PortDescReply([Msg.Port(1)]) { Xid = portDesc.Xid });
        Assert.Empty(m.OnMessage(new BarrierReply { Xid = wrong }));
        Assert.Equal(HandshakeState.AwaitingBarrier, m.State);

        Assert.Empty(m.OnMessage(new BarrierReply { Xid = sent[1].Xid }));
        Assert.Equal(HandshakeState.Ready, m.State);
        Assert.Equal([1u], m.Ports.Select(p => p.PortNo.Value).ToArray());
    }

    [Fact]
    public void Replies_of_the_wrong_kind_for_the_state_are_ignored()
    {
        var m = NewMachine();
        var features = AfterHello(m);

        // A barrier reply or port-desc reply that happens to carry the features xid does not advance the machine.
        Assert.Empty(m.OnMessage(new BarrierReply { Xid = features.Xid }));
        Assert.Empty(m.OnMessage(new PortDescReply([Msg.Port(1)]) { Xid = features.Xid }));
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);
        Assert.Empty(m.Ports);
    }

    public static TheoryData<string, Hello> Compatible() => new()
    {
        { "bitmap {1.0, 1.3}", Hello.Offering(OfpVersion.OpenFlow10, OfpVersion.OpenFlow13) },
        { "version 5 without bitmap (min rule)", new Hello(5, []) },
        { "version 4 without bitmap", new Hello(4, []) },
        { "version 6 with bitmap {1.3, 1.5}", new Hello(6, [new HelloVersionBitmap([(1u << 4) | (1u << 6)])]) },
        { "bitmap of two words {1.3, 0x21}", new Hello(0x21, [new HelloVersionBitmap([1u << 4, 1u << 1])]) },
    };

    [Theory]
    [MemberData(nameof(Compatible))]
    public void Negotiates_1_3_with(string _, Hello peer)
    {
        var m = NewMachine();
        m.Start();
        var sent = m.OnMessage(peer with { Xid = new Xid(5) });

        Assert.IsType<FeaturesRequest>(Assert.Single(sent));
        Assert.Equal(OfpVersion.OpenFlow13, m.Version);
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);
        Assert.Equal(0x04, m.ErrorVersion);
    }

    public static TheoryData<string, Hello, byte> Incompatible() => new()
    {
        { "bitmap {1.1, 1.2} only", Hello.Offering(OfpVersion.OpenFlow11, OfpVersion.OpenFlow12), 0x03 },
        { "version 2 without bitmap", new Hello(2, []), 0x02 },
        { "version 3 without bitmap", new Hello(3, []), 0x03 },
        { "version 6 with bitmap {1.5} only", new Hello(6, [new HelloVersionBitmap([1u << 6])]), 0x04 },
    };

    [Theory]
    [MemberData(nameof(Incompatible))]
    public void Fails_with_hello_failed_incompatible_for(string _, Hello peer, byte errorVersion)
    {
        var m = NewMachine();
        m.Start();
        var sent = m.OnMessage(peer with { Xid = new Xid(0x42) });

        var error = Assert.IsType<Error>(Assert.Single(sent));
        Assert.Equal(ErrorType.HelloFailed, error.Type);
        Assert.Equal((ushort)HelloFailedCode.Incompatible, error.Code);
        Assert.Equal(new Xid(0x42), error.Xid);
        Assert.Equal(HandshakeState.Failed, m.State);
        Assert.Null(m.Version);
        Assert.Equal(errorVersion, m.ErrorVersion);

        // The data is an explanation a person can read (§7.4.4: HELLO_FAILED data is an ASCII string).
        var text = error.DataAsText;
        Assert.All(error.Data, b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
        Assert.Contains("1.3", text, StringComparison.Ordinal);
        Assert.Contains(VersionNegotiation.Describe(peer.OfferedVersions), text, StringComparison.Ordinal);
        Assert.NotNull(m.FailureReason);
    }

    [Fact]
    public void Timeout_fires_exactly_at_the_deadline_and_names_the_state()
    {
        var m = NewMachine();
        AfterHello(m);

        _clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(m.CheckTimeout());
        Assert.Equal(HandshakeState.AwaitingFeatures, m.State);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(m.CheckTimeout());
        Assert.Equal(HandshakeState.Failed, m.State);
        Assert.Contains("AwaitingFeatures", m.FailureReason, StringComparison.Ordinal);
        Assert.Contains("10", m.FailureReason, StringComparison.Ordinal);

        // Reported once only.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(m.CheckTimeout());
    }

    [Fact]
    public void Timeout_counts_from_creation_not_from_the_last_message()
    {
        var m = NewMachine();
        m.Start();
        _clock.Advance(TimeSpan.FromSeconds(9));
        var features = Assert.Single(m.OnMessage(Hello.Offering(OfpVersion.OpenFlow13)));
        Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(m.CheckTimeout());
        Assert.Contains("AwaitingPortDesc", m.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_timeout_once_ready()
    {
        var m = NewMachine();
        var features = AfterHello(m);
        var portDesc = Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        var sent = m.OnMessage(new PortDescReply([]) { Xid = portDesc.Xid });
        m.OnMessage(new BarrierReply { Xid = sent[1].Xid });
        Assert.Equal(HandshakeState.Ready, m.State);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(m.CheckTimeout());
        Assert.Equal(HandshakeState.Ready, m.State);
    }

    [Fact]
    public void An_error_reply_to_features_request_fails_the_handshake()
    {
        var m = NewMachine();
        var features = AfterHello(m);

        var sent = m.OnMessage(new Error(ErrorType.BadRequest, (ushort)BadRequestCode.BadType, [1, 2, 3]) { Xid = features.Xid });

        Assert.Empty(sent);
        Assert.Equal(HandshakeState.Failed, m.State);
        Assert.Contains("BAD_REQUEST/BAD_TYPE", m.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_reply_to_set_config_is_only_a_warning()
    {
        var m = NewMachine();
        var features = AfterHello(m);
        var portDesc = Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        var sent = m.OnMessage(new PortDescReply([Msg.Port(1)]) { Xid = portDesc.Xid });
        var setConfig = Assert.IsType<SetConfig>(sent[0]);

        var error = new Error(ErrorType.SwitchConfigFailed, (ushort)SwitchConfigFailedCode.BadLen, []) { Xid = setConfig.Xid };
        Assert.Empty(m.OnMessage(error));
        Assert.Equal(HandshakeState.AwaitingBarrier, m.State);
        Assert.Equal(error, m.Warning);

        Assert.Empty(m.OnMessage(new BarrierReply { Xid = sent[1].Xid }));
        Assert.Equal(HandshakeState.Ready, m.State);
        Assert.Null(m.FailureReason);
    }

    [Fact]
    public void An_error_reply_to_the_barrier_fails_the_handshake()
    {
        var m = NewMachine();
        var features = AfterHello(m);
        var portDesc = Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        var sent = m.OnMessage(new PortDescReply([]) { Xid = portDesc.Xid });

        m.OnMessage(new Error(ErrorType.BadRequest, (ushort)BadRequestCode.BadType, []) { Xid = sent[1].Xid });
        Assert.Equal(HandshakeState.Failed, m.State);
        Assert.Null(m.Warning);
    }

    [Fact]
    public void Errors_after_ready_are_not_the_handshakes_business()
    {
        var m = NewMachine();
        var features = AfterHello(m);
        var portDesc = Assert.Single(m.OnMessage(Msg.Features(1, features.Xid)));
        var sent = m.OnMessage(new PortDescReply([]) { Xid = portDesc.Xid });
        m.OnMessage(new BarrierReply { Xid = sent[1].Xid });

        Assert.Empty(m.OnMessage(new Error(ErrorType.BadRequest, 1, []) { Xid = features.Xid }));
        Assert.Equal(HandshakeState.Ready, m.State);
    }

    [Fact]
    public void Requires_a_supported_version()
    {
        Assert.Throws<ArgumentException>(() => new HandshakeMachine(_clock, Timeout, [], 0xffff, Msg.Counter()));
    }

    private static BarrierRequest ToBarrier(HandshakeMachine m, FeaturesRequest features)
    {
        var portDesc = Assert.IsType<PortDescRequest>(Assert.Single(m.OnMessage(Msg.Features(0x5, features.Xid))));
        var sent = m.OnMessage(new PortDescReply([Msg.Port(1), Msg.Port(2)]) { Xid = portDesc.Xid });
        return Assert.IsType<BarrierRequest>(sent[1]);
    }

    [Fact]
    public void Port_status_after_the_port_desc_reply_updates_the_ports()
    {
        var m = NewMachine();
        var barrier = ToBarrier(m, AfterHello(m));

        var down = Msg.Port(2) with { State = PortState.LinkDown };
        Assert.Empty(m.OnMessage(new PortStatus(PortStatusReason.Modify, down)));
        Assert.Empty(m.OnMessage(new PortStatus(PortStatusReason.Delete, Msg.Port(1))));
        Assert.Empty(m.OnMessage(new PortStatus(PortStatusReason.Add, Msg.Port(7))));
        m.OnMessage(new BarrierReply { Xid = barrier.Xid });

        Assert.Equal(HandshakeState.Ready, m.State);
        Assert.Equal([2u, 7u], m.Ports.Select(p => p.PortNo.Value).Order().ToArray());
        Assert.False(m.Ports.Single(p => p.PortNo.Value == 2).IsUp);
    }

    [Fact]
    public void Auxiliary_connection_is_refused()
    {
        var m = NewMachine();
        var features = AfterHello(m);

        Assert.Empty(m.OnMessage(Msg.Features(0x5, features.Xid) with { AuxiliaryId = 1 }));

        Assert.Equal(HandshakeState.Failed, m.State);
        Assert.Contains("auxiliary", m.FailureReason);
    }
}
