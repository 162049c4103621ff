using Sdn.OpenFlow;

namespace Sdn.Controller.Topology.Discovery;

/// <summary>
/// Discovery's state for one switch connection, kept in the app's slot on its view of the switch
/// (<see cref="Apps.ISwitch.AppState"/>) so the packet-in path reaches it without a lookup, a lock or thread-local
/// storage (a per-thread counter's thread-local access and an interface call for the dpid were a few percent of a
/// cbench run's samples).
/// </summary>
internal sealed class DiscoverySwitch(DatapathId dpid)
{
    private long _dataPacketIns;

    /// <summary>The switch's datapath id.</summary>
    public DatapathId Dpid { get; } = dpid;

    /// <summary>Non-LLDP packet-ins from this connection so far (read from any thread).</summary>
    public long DataPacketIns => Volatile.Read(ref _dataPacketIns);

    /// <summary>Counts one non-LLDP packet-in: a plain store, as only the switch's own loop calls it (one handler at a time).</summary>
    public void DataPacketIn() => Volatile.Write(ref _dataPacketIns, _dataPacketIns + 1);
}
