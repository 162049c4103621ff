using System.Net;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>
/// One app's view of a switch: every FLOW_MOD it sends is stamped with the app's <see cref="CookieRange"/>, and every
/// table id it writes is moved to its pipeline stage's table (<see cref="TableShift"/>): the one place where forwarding
/// apps' table 0 becomes table 1 behind the ACL stage.
/// </summary>
internal sealed class AppScopedSwitch(ISwitch inner, CookieRange cookies, TableShift tables) : ISwitch
{
    public ISwitch Inner => inner;

    public TableShift Tables => tables;

    public DatapathId Dpid => inner.Dpid;

    public OfpVersion Version => inner.Version;

    public IPEndPoint? RemoteEndPoint => inner.RemoteEndPoint;

    public IReadOnlyDictionary<PortNumber, PortDescription> Ports => inner.Ports;

    public object? AppState { get; set; } // this app's, not the inner switch's

    public bool Send(OfpMessage message) => inner.Send(tables.Apply(message is FlowMod f ? cookies.Apply(f) : message));

    public bool Send(in FlowRule rule)
    {
        if (tables.Offset == 0)
        {
            return cookies.IsStamped(rule) ? inner.Send(rule) : inner.Send(cookies.Apply(rule));
        }

        return cookies.IsStamped(rule) ? inner.Send(tables.Apply(rule)) : inner.Send(tables.Apply(cookies.Apply(rule)));
    }

    public bool Send(in PacketOutSpec packetOut) => inner.Send(packetOut);

    public Task BarrierAsync(CancellationToken cancellationToken = default) => inner.BarrierAsync(cancellationToken);

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default) =>
        inner.RequestAsync(tables.Apply(request is FlowMod f ? cookies.Apply(f) : request), cancellationToken);
}
