using Sdn.Controller.Apps;
using System.Net;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Testing;

/// <summary>
/// A fake <see cref="ISwitch"/> that records sent messages (structs as their equivalent records); requests are
/// answered with a barrier reply.
/// </summary>
public sealed class RecordingSwitch(ulong dpid = 1) : ISwitch
{
    public List<OfpMessage> Sent { get; } = [];

    public DatapathId Dpid { get; } = new(dpid);

    public OfpVersion Version { get; init; } = OfpVersion.OpenFlow13;

    public IPEndPoint? RemoteEndPoint => null;

    public IReadOnlyDictionary<PortNumber, PortDescription> Ports { get; set; } = new Dictionary<PortNumber, PortDescription>();

    public object? AppState { get; set; }

    public bool Send(OfpMessage message)
    {
        Sent.Add(message);
        return true;
    }

    public bool Send(in FlowRule rule) => Send(rule.ToFlowMod());

    public bool Send(in PacketOutSpec packetOut) => Send(packetOut.ToPacketOut());

    public Task BarrierAsync(CancellationToken cancellationToken = default) => RequestAsync(new BarrierRequest(), cancellationToken);

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default)
    {
        Sent.Add(request);
        return Task.FromResult<OfpMessage>(new BarrierReply { Xid = request.Xid });
    }

    /// <summary>Returns and forgets what was sent so far.</summary>
    public List<OfpMessage> Take()
    {
        var sent = Sent.ToList();
        Sent.Clear();
        return sent;
    }
}
