using System.Net;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>One app's view of a switch: every FLOW_MOD it sends is stamped with the app's <see cref="CookieRange"/>.</summary>
internal sealed class AppScopedSwitch(ISwitch inner, CookieRange cookies) : ISwitch
{
    public ISwitch Inner => inner;

    public DatapathId Dpid => inner.Dpid;

    public OfpVersion Version => inner.Version;

    public IPEndPoint? RemoteEndPoint => inner.RemoteEndPoint;

    public IReadOnlyDictionary<PortNumber, PortDescription> Ports => inner.Ports;

    public bool Send(OfpMessage message) => inner.Send(message is FlowMod f ? cookies.Apply(f) : message);

    public bool Send(in FlowRule rule) => cookies.IsStamped(rule) ? inner.Send(rule) : inner.Send(cookies.Apply(rule));

    public bool Send(in PacketOutSpec packetOut) => inner.Send(packetOut);

    public Task BarrierAsync(CancellationToken cancellationToken = default) => inner.BarrierAsync(cancellationToken);

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default) =>
        inner.RequestAsync(request is FlowMod f ? cookies.Apply(f) : request, cancellationToken);
}
