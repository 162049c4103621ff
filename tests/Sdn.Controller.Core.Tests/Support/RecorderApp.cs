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

    /// <summary>"up 50000", "down 50000", … by the switch's remote port, in delivery order.</summary>
    public ConcurrentQueue<string> Lifecycle { get; } = new();

    public ConcurrentQueue<PacketIn> PacketIns { get; } = new();

    public ConcurrentQueue<Error> Errors { get; } = new();

    public void OnSwitchUp(ISwitch sw)
    {
        Lifecycle.Enqueue($"up {sw.RemoteEndPoint?.Port}");
        Interlocked.Increment(ref _ups);
    }

    public void OnSwitchDown(ISwitch sw, string reason)
    {
        Lifecycle.Enqueue($"down {sw.RemoteEndPoint?.Port}");
        DownReasons.Enqueue(reason);
        Interlocked.Increment(ref _downs);
    }

    /// <summary>Runs on the connection loop after a packet-in is recorded (tests that need the loop's thread).</summary>
    public Action<ISwitch>? PacketInHook { get; set; }

    public void OnPacketIn(ISwitch sw, in PacketInView packetIn)
    {
        PacketIns.Enqueue(packetIn.ToMessage());
        PacketInHook?.Invoke(sw);
    }

    public void OnError(ISwitch sw, Error error) => Errors.Enqueue(error);
}
