using System.Net;
using Sdn.Controller.Apps;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Core.Tests.Support;

/// <summary>A fake <see cref="ISwitch"/> that records what is sent through it; requests are answered with a barrier reply.</summary>
public sealed class RecordingSwitch(ulong dpid = 1) : ISwitch
{
    public List<OfpMessage> Sent { get; } = [];

    public DatapathId Dpid { get; } = new(dpid);

    public OfpVersion Version => OfpVersion.OpenFlow13;

    public IPEndPoint? RemoteEndPoint => null;

    public IReadOnlyDictionary<PortNumber, PortDescription> Ports { get; } = new Dictionary<PortNumber, PortDescription>();

    public bool Send(OfpMessage message)
    {
        Sent.Add(message);
        return true;
    }

    public Task BarrierAsync(CancellationToken cancellationToken = default) => RequestAsync(new BarrierRequest(), cancellationToken);

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default)
    {
        Sent.Add(request);
        return Task.FromResult<OfpMessage>(new BarrierReply { Xid = request.Xid });
    }
}
