using System.Buffers;
using System.Net;
using Sdn.Controller.Apps;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Benchmarks;

/// <summary>
/// An <see cref="ISwitch"/> that encodes what apps send straight into a reusable buffer (no queue, no I/O; xids from a
/// plain counter): the cost measured is the app's and the codec's. <see cref="Reset"/> rewinds the buffer.
/// </summary>
public sealed class SinkSwitch(ulong dpid = 1) : ISwitch
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private uint _xid;

    /// <summary>Messages encoded since the last <see cref="Reset"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes encoded since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Written => _output.WrittenSpan;

    public DatapathId Dpid { get; } = new(dpid);

    public OfpVersion Version => OfpVersion.OpenFlow13;

    public IPEndPoint? RemoteEndPoint => null;

    public IReadOnlyDictionary<PortNumber, PortDescription> Ports { get; } = Enumerable.Range(1, 4).ToDictionary(
        p => new PortNumber((uint)p),
        p => new PortDescription(new PortNumber((uint)p), new MacAddress(0x0200_0000_0000UL + (ulong)p), $"eth{p}", PortConfig.None, PortState.Live));

    public object? AppState { get; set; }

    public bool Send(OfpMessage message)
    {
        Frames.Codec.Write(message, _output);
        Count++;
        return true;
    }

    public bool Send(in FlowRule rule)
    {
        var span = _output.GetSpan(FlowRule.MaxWireLength); // as SwitchConnection does
        _output.Advance(Frames.Codec.Write(rule, NextXid(), span));
        Count++;
        return true;
    }

    public bool Send(in PacketOutSpec packetOut)
    {
        var span = _output.GetSpan(Frames.Codec.GetLength(packetOut));
        _output.Advance(Frames.Codec.Write(packetOut, NextXid(), span));
        Count++;
        return true;
    }

    public void Reset()
    {
        _output.ResetWrittenCount();
        Count = 0;
    }

    private Xid NextXid() => new(++_xid == 0 ? ++_xid : _xid);

    public Task BarrierAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<OfpMessage> RequestAsync(OfpMessage request, CancellationToken cancellationToken = default) =>
        Task.FromResult<OfpMessage>(new BarrierReply { Xid = request.Xid });
}
