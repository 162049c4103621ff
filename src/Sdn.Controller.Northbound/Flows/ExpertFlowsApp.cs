using Sdn.Controller.Apps;
using Sdn.OpenFlow;

namespace Sdn.Controller.Northbound.Flows;

/// <summary>
/// The always-on system app behind the Flows API's AddFlow/DeleteFlow (cookie id 0x21): keeps each connected switch's
/// app-scoped view so expert flows carry their own cookie range and can never modify or delete the apps' flows.
/// </summary>
public sealed class ExpertFlowsApp : ISwitchLifecycleHandler
{
    /// <summary>App name.</summary>
    public const string AppName = "ExpertFlows";

    /// <summary>Cookie id (top byte of the cookie).</summary>
    public const byte CookieId = 0x21;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<DatapathId, ISwitch> _switches = new();

    /// <inheritdoc />
    public string Name => AppName;

    /// <summary>The app's view of a connected switch, or null.</summary>
    public ISwitch? Switch(DatapathId dpid) => _switches.GetValueOrDefault(dpid);

    /// <inheritdoc />
    public void OnSwitchUp(ISwitch sw) => _switches[sw.Dpid] = sw;

    /// <inheritdoc />
    public void OnSwitchDown(ISwitch sw, string reason) => _switches.TryRemove(new KeyValuePair<DatapathId, ISwitch>(sw.Dpid, sw));
}
