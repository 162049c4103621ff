using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>
/// Delivers switch events to the enabled apps in configured order. Each call into an app is guarded: an exception
/// is logged with the app, event and dpid, counted in <see cref="FailureCount"/>, and the next app still runs.
/// Switch-up/down deliveries are serialised so an app never sees a replaced switch's "down" after its successor's "up".
/// </summary>
public sealed class AppDispatcher
{
    private readonly ILogger<AppDispatcher> _log;
    private readonly ActiveApp[] _apps;
    // Delegates, not the interface: with two or more packet-in apps the one call site sees several types, and the
    // runtime's interface dispatch falls back to a hashed lookup per call (3.5 % of a cbench profile).
    private readonly (int Index, PacketInCall Handler)[] _packetInHandlers;
    private readonly object _lifecycleGate = new();
    private readonly FlowPipeline _pipeline;
    private long _failures;

    /// <summary>
    /// Creates the always-on system apps, then the apps named in <c>Controller:Apps</c>, in that dispatch order. The
    /// table layout is the <see cref="FlowPipeline"/> registered in <paramref name="services"/>, else
    /// <see cref="FlowPipeline.SingleTable"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A name is unknown or listed twice, or two apps share a cookie id.</exception>
    public AppDispatcher(IEnumerable<AppRegistration> registrations, IOptions<ControllerOptions> options, IServiceProvider services, ILogger<AppDispatcher> log)
    {
        _log = log;
        _pipeline = (FlowPipeline?)services.GetService(typeof(FlowPipeline)) ?? FlowPipeline.SingleTable;
        var known = registrations.ToList();
        var dupCookie = known.GroupBy(r => r.Cookies.AppId).FirstOrDefault(g => g.Count() > 1);
        if (dupCookie is not null)
        {
            throw new InvalidOperationException($"Apps {string.Join(", ", dupCookie.Select(r => r.Name))} share cookie id 0x{dupCookie.Key:x2}.");
        }

        var apps = known.Where(r => r.AlwaysOn).Select(r => new ActiveApp(r, r.Create(services))).ToList();
        foreach (var name in options.Value.Apps)
        {
            var reg = known.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Controller:Apps names unknown app '{name}'. Known apps: {string.Join(", ", known.Select(r => r.Name))}.");
            if (reg.AlwaysOn)
            {
                continue; // already running ahead of the configured apps
            }

            if (apps.Any(a => a.Registration == reg))
            {
                throw new InvalidOperationException($"Controller:Apps lists '{name}' twice.");
            }

            apps.Add(new ActiveApp(reg, reg.Create(services)));
        }

        _apps = [.. apps];
        _packetInHandlers = _apps.Select((a, i) => (i, a.App as IPacketInHandler)).Where(p => p.Item2 is not null).Select(p => (p.i, (PacketInCall)p.Item2!.OnPacketIn)).ToArray();
    }

    /// <summary>The enabled apps in dispatch order.</summary>
    public IReadOnlyList<IControllerApp> Apps => _apps.Select(a => a.App).ToArray();

    /// <summary>Handler exceptions caught so far.</summary>
    public long FailureCount => Interlocked.Read(ref _failures);

    /// <summary>The table layout the views follow.</summary>
    public FlowPipeline Pipeline => _pipeline;

    /// <summary>
    /// Builds the per-app views of a newly Ready switch: each stamps its app's cookies and moves its table ids to the
    /// app's stage on this switch (<see cref="FlowPipeline.For"/> of the switch's version).
    /// </summary>
    public AppViews CreateViews(ISwitch sw)
    {
        var tables = _pipeline.For(sw.Version);
        return new(sw, _apps.Select(a => (ISwitch)new AppScopedSwitch(sw, a.Registration.Cookies, tables.ShiftFor(a.Registration.Stage))).ToArray());
    }

    /// <summary>Tells every app the switch is up.</summary>
    public void SwitchUp(AppViews views)
    {
        lock (_lifecycleGate)
        {
            for (var i = 0; i < _apps.Length; i++)
            {
                if (_apps[i].App is ISwitchLifecycleHandler h)
                {
                    Guard(i, "switch-up", views, static (h, sw, _) => ((ISwitchLifecycleHandler)h).OnSwitchUp(sw), h, (object?)null);
                }
            }
        }
    }

    /// <summary>Tells every app the switch is down.</summary>
    public void SwitchDown(AppViews views, string reason)
    {
        lock (_lifecycleGate)
        {
            for (var i = 0; i < _apps.Length; i++)
            {
                if (_apps[i].App is ISwitchLifecycleHandler h)
                {
                    Guard(i, "switch-down", views, static (h, sw, r) => ((ISwitchLifecycleHandler)h).OnSwitchDown(sw, r), h, reason);
                }
            }
        }
    }

    /// <summary>Delivers a PACKET_IN.</summary>
    public void PacketIn(AppViews views, in PacketInView message)
    {
        foreach (var (i, h) in _packetInHandlers)
        {
            try
            {
                h(views[i], message);
            }
            catch (Exception ex)
            {
                Failed(i, "packet-in", views, ex);
            }
        }
    }

    /// <summary>Delivers a PORT_STATUS.</summary>
    public void PortStatus(AppViews views, PortStatus message)
    {
        for (var i = 0; i < _apps.Length; i++)
        {
            if (_apps[i].App is IPortStatusHandler h)
            {
                Guard(i, "port-status", views, static (h, sw, m) => ((IPortStatusHandler)h).OnPortStatus(sw, m), h, message);
            }
        }
    }

    /// <summary>Delivers a FLOW_REMOVED.</summary>
    public void FlowRemoved(AppViews views, FlowRemoved message)
    {
        for (var i = 0; i < _apps.Length; i++)
        {
            if (_apps[i].App is IFlowRemovedHandler h)
            {
                Guard(i, "flow-removed", views, static (h, sw, m) => ((IFlowRemovedHandler)h).OnFlowRemoved(sw, m), h, message);
            }
        }
    }

    /// <summary>Delivers an uncorrelated OFPT_ERROR.</summary>
    public void SwitchError(AppViews views, Error message)
    {
        for (var i = 0; i < _apps.Length; i++)
        {
            if (_apps[i].App is ISwitchErrorHandler h)
            {
                Guard(i, "error", views, static (h, sw, m) => ((ISwitchErrorHandler)h).OnError(sw, m), h, message);
            }
        }
    }

    private void Guard<T>(int index, string evt, AppViews views, Action<IControllerApp, ISwitch, T> call, IControllerApp app, T arg)
    {
        try
        {
            call(app, views[index], arg);
        }
        catch (Exception ex)
        {
            Failed(index, evt, views, ex);
        }
    }

    private void Failed(int index, string evt, AppViews views, Exception ex)
    {
        Interlocked.Increment(ref _failures);
        _log.LogError(ex, "App {App} failed handling {Event} for dpid={Dpid}; other apps and switches continue", _apps[index].Registration.Name, evt, views.Switch.Dpid);
    }

    private sealed record ActiveApp(AppRegistration Registration, IControllerApp App);
}

/// <summary>The per-app views of one switch, indexed like <see cref="AppDispatcher.Apps"/>.</summary>
public sealed class AppViews
{
    private readonly ISwitch[] _views;

    internal AppViews(ISwitch sw, ISwitch[] views)
    {
        Switch = sw;
        _views = views;
    }

    /// <summary>The switch itself (unscoped).</summary>
    public ISwitch Switch { get; }

    /// <summary>The view for app <paramref name="index"/>.</summary>
    public ISwitch this[int index] => _views[index];
}
