using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Configuration;
using Sdn.Controller.Core.Tests.Support;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Core.Tests;

public class AppDispatcherTests
{
    /// <summary>An app that records events and, when told, throws from every handler.</summary>
    private sealed class TestApp(string name, bool throws = false)
        : ISwitchLifecycleHandler, IPacketInHandler, IPortStatusHandler, IFlowRemovedHandler, ISwitchErrorHandler
    {
        public string Name => name;

        public List<string> Events { get; } = [];

        public List<ISwitch> Views { get; } = [];

        public void OnSwitchUp(ISwitch sw) => Record("up", sw);

        public void OnSwitchDown(ISwitch sw, string reason) => Record("down:" + reason, sw);

        public void OnPacketIn(ISwitch sw, in PacketInView packetIn) => Record("packet-in", sw);

        public void OnPortStatus(ISwitch sw, PortStatus portStatus) => Record("port-status", sw);

        public void OnFlowRemoved(ISwitch sw, FlowRemoved flowRemoved) => Record("flow-removed", sw);

        public void OnError(ISwitch sw, Error error) => Record("error", sw);

        private void Record(string evt, ISwitch sw)
        {
            Events.Add(evt);
            Views.Add(sw);
            if (throws)
            {
                throw new InvalidOperationException($"{name} fails on {evt}");
            }
        }
    }

    private static AppRegistration Reg(string name, byte id, bool throws = false) => new(name, new CookieRange(id), _ => new TestApp(name, throws));

    private static AppDispatcher Create(IEnumerable<AppRegistration> regs, params string[] apps) =>
        new(regs, Options.Create(new ControllerOptions { Apps = [.. apps] }), new ServiceCollection().BuildServiceProvider(), NullLogger<AppDispatcher>.Instance);

    private static readonly PacketIn SomePacketIn = new(BufferId.NoBuffer, 0, PacketInReason.NoMatch, 0, 0, Match.Any, []);

    [Fact]
    public void Always_on_apps_run_first_even_when_not_configured_and_may_be_named_without_duplication()
    {
        var system = Reg("Topology", 1) with { AlwaysOn = true };
        var d = Create([Reg("Alpha", 2), system], "alpha");
        Assert.Equal(["Topology", "Alpha"], d.Apps.Select(a => a.Name).ToArray());
        var named = Create([Reg("Alpha", 2), system], "Alpha", "topology");
        Assert.Equal(["Topology", "Alpha"], named.Apps.Select(a => a.Name).ToArray());
    }

    [Fact]
    public void Creates_the_configured_apps_in_configured_order_case_insensitively()
    {
        var d = Create([Reg("Alpha", 1), Reg("Beta", 2), Reg("Gamma", 3)], "gamma", "ALPHA");
        Assert.Equal(["Gamma", "Alpha"], d.Apps.Select(a => a.Name).ToArray());
    }

    [Fact]
    public void Unknown_app_name_lists_the_known_apps()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Create([Reg("Alpha", 1), Reg("Beta", 2)], "Alpha", "Nope"));
        Assert.Contains("'Nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Alpha, Beta", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_cookie_ids_are_rejected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Create([Reg("Alpha", 7), Reg("Beta", 7)], "Alpha"));
        Assert.Contains("Alpha", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Beta", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x07", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_listed_twice_is_rejected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Create([Reg("Alpha", 1)], "Alpha", "alpha"));
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throwing_app_does_not_stop_the_next_app()
    {
        var d = Create([Reg("Bad", 1, throws: true), Reg("Good", 2)], "Bad", "Good");
        var bad = (TestApp)d.Apps[0];
        var good = (TestApp)d.Apps[1];
        var views = d.CreateViews(new RecordingSwitch());

        d.SwitchUp(views);
        d.PacketIn(views, SomePacketIn.View());
        d.PortStatus(views, new PortStatus(PortStatusReason.Add, Msg.Port(1)));
        d.FlowRemoved(views, new FlowRemoved(0, 0, FlowRemovedReason.IdleTimeout, 0, Match.Any));
        d.SwitchError(views, new Error(ErrorType.BadRequest, 0, []));
        d.SwitchDown(views, "bye");

        string[] expected = ["up", "packet-in", "port-status", "flow-removed", "error", "down:bye"];
        Assert.Equal(expected, bad.Events);
        Assert.Equal(expected, good.Events);
        Assert.Equal(expected.Length, d.FailureCount);
    }

    [Fact]
    public void Apps_get_a_view_that_stamps_their_cookie_on_flow_mods()
    {
        var d = Create([Reg("Alpha", 0x20), Reg("Beta", 0x30)], "Alpha", "Beta");
        var sw = new RecordingSwitch(dpid: 0x42);
        var views = d.CreateViews(sw);
        d.SwitchUp(views);
        var alphaView = ((TestApp)d.Apps[0]).Views.Single();
        var betaView = ((TestApp)d.Apps[1]).Views.Single();

        Assert.Same(sw, views.Switch);
        Assert.Same(views[0], alphaView);
        Assert.NotSame(sw, alphaView);
        Assert.Equal(sw.Dpid, alphaView.Dpid);

        var add = new FlowMod(FlowModCommand.Add, Match.Any, []) { Cookie = 0x55 };
        var packetOut = new PacketOut(BufferId.NoBuffer, PortNumber.Controller, [new OutputAction(PortNumber.Flood)], [1, 2, 3]);
        alphaView.Send(add);
        betaView.Send(add);
        betaView.Send(new FlowMod(FlowModCommand.DeleteStrict, Match.Any, []));
        alphaView.Send(packetOut);
        _ = alphaView.RequestAsync(new FlowMod(FlowModCommand.Modify, Match.Any, []));

        Assert.Equal(5, sw.Sent.Count);
        Assert.Equal(0x2000_0000_0000_0055UL, ((FlowMod)sw.Sent[0]).Cookie);
        Assert.Equal(0x3000_0000_0000_0055UL, ((FlowMod)sw.Sent[1]).Cookie);
        Assert.Equal(0UL, ((FlowMod)sw.Sent[1]).CookieMask);
        Assert.Equal(0x3000_0000_0000_0000UL, ((FlowMod)sw.Sent[2]).Cookie);
        Assert.Equal(0xff00_0000_0000_0000UL, ((FlowMod)sw.Sent[2]).CookieMask);
        Assert.Same(packetOut, sw.Sent[3]);
        Assert.Equal(0x2000_0000_0000_0000UL, ((FlowMod)sw.Sent[4]).Cookie);
        Assert.Equal(0xff00_0000_0000_0000UL, ((FlowMod)sw.Sent[4]).CookieMask);
    }

    [Fact]
    public void Each_app_sees_its_own_view_in_every_event()
    {
        var d = Create([Reg("Alpha", 1), Reg("Beta", 2)], "Alpha", "Beta");
        var views = d.CreateViews(new RecordingSwitch());
        d.SwitchUp(views);
        d.PacketIn(views, SomePacketIn.View());
        Assert.All(((TestApp)d.Apps[0]).Views, v => Assert.Same(views[0], v));
        Assert.All(((TestApp)d.Apps[1]).Views, v => Assert.Same(views[1], v));
        Assert.NotSame(views[0], views[1]);
    }

    [Fact]
    public void Each_app_has_its_own_state_slot_on_a_switch_apart_from_the_switch_itself()
    {
        var d = Create([Reg("Alpha", 1), Reg("Beta", 2)], "Alpha", "Beta");
        var sw = new RecordingSwitch();
        var views = d.CreateViews(sw);
        views[0].AppState = "alpha's";
        views[1].AppState = 42;
        Assert.Equal("alpha's", views[0].AppState);
        Assert.Equal(42, views[1].AppState);
        Assert.Null(sw.AppState);
        Assert.Null(d.CreateViews(sw)[0].AppState); // a new connection's views start empty
    }

    [Fact]
    public void Apps_are_created_through_the_service_provider_registration()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddControllerApp<CountingApp>("Counting", 9);
        using var sp = services.BuildServiceProvider();
        var d = new AppDispatcher(sp.GetServices<AppRegistration>(), Options.Create(new ControllerOptions { Apps = ["Counting"] }), sp, NullLogger<AppDispatcher>.Instance);

        Assert.IsType<CountingApp>(Assert.Single(d.Apps));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddControllerApp<CountingApp>("Zero", 0));
    }

    public sealed class CountingApp : IControllerApp
    {
        public string Name => "Counting";
    }
}
