using System.Collections.Concurrent;
using Sdn.Controller.Apps;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Core.Tests.Support;

/// <summary>An app that counts lifecycle events and keeps packet-ins and errors (thread-safe).</summary>
public sealed class RecorderApp : ISwitchLifecycleHandler, IPacketInHandler, ISwitchErrorHandler
{
    public const string AppName = "Recorder";

    private int _ups;
    private int _downs;

    public string Name => AppName;

    public int Ups => Volatile.Read(ref _ups);

    public int Downs => Volatile.Read(ref _downs);

    public ConcurrentQueue<string> DownReasons { get; } = new();

    public ConcurrentQueue<PacketIn> PacketIns { get; } = new();

    public ConcurrentQueue<Error> Errors { get; } = new();

    public void OnSwitchUp(ISwitch sw) => Interlocked.Increment(ref _ups);

    public void OnSwitchDown(ISwitch sw, string reason)
    {
        DownReasons.Enqueue(reason);
        Interlocked.Increment(ref _downs);
    }

    public void OnPacketIn(ISwitch sw, PacketIn packetIn) => PacketIns.Enqueue(packetIn);

    public void OnError(ISwitch sw, Error error) => Errors.Enqueue(error);
}
