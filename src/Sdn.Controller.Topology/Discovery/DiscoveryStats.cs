namespace Sdn.Controller.Topology.Discovery;

/// <summary>Counters of the discovery app (monotonic since start; read with <see cref="Snapshot"/>).</summary>
public sealed class DiscoveryStats
{
    private long _probesSent;
    private long _lldpAccepted;
    private long _lldpMalformed;
    private long _lldpForeign;
    private long _lldpLooped;
    private long _lldpRejected;
    private long _packetsMalformed;
    private readonly Lock _gate = new();
    private readonly HashSet<DiscoverySwitch> _live = [];
    private long _dataPacketInsOfClosed; // under _gate
    private long _dataPacketInsUnattributed;

    /// <summary>A copy of the counters.</summary>
    /// <param name="ProbesSent">LLDP PACKET_OUTs sent.</param>
    /// <param name="LldpAccepted">Probes that added or refreshed a link.</param>
    /// <param name="LldpMalformed">LLDP frames with bad TLVs (ignored).</param>
    /// <param name="LldpForeign">Well-formed LLDP not in our Chassis/Port ID format, e.g. from a host's LLDP agent (ignored).</param>
    /// <param name="LldpLooped">Our probes that came back to the switch that sent them (ignored).</param>
    /// <param name="LldpRejected">Our format, but naming an unknown or dead switch or port (ignored).</param>
    /// <param name="PacketsMalformed">Non-LLDP packet-ins whose headers are malformed (no host learned).</param>
    /// <param name="DataPacketIns">Packet-ins other than LLDP (what forwarding costs the controller).</param>
    public readonly record struct Counters(long ProbesSent, long LldpAccepted, long LldpMalformed, long LldpForeign, long LldpLooped, long LldpRejected, long PacketsMalformed, long DataPacketIns);

    /// <summary>Reads every counter.</summary>
    public Counters Snapshot() => new(
        Interlocked.Read(ref _probesSent), Interlocked.Read(ref _lldpAccepted), Interlocked.Read(ref _lldpMalformed),
        Interlocked.Read(ref _lldpForeign), Interlocked.Read(ref _lldpLooped), Interlocked.Read(ref _lldpRejected),
        Interlocked.Read(ref _packetsMalformed), DataPacketIns());

    internal void ProbeSent() => Interlocked.Increment(ref _probesSent);

    internal void Accepted() => Interlocked.Increment(ref _lldpAccepted);

    internal long Malformed() => Interlocked.Increment(ref _lldpMalformed);

    internal void Foreign() => Interlocked.Increment(ref _lldpForeign);

    internal void Looped() => Interlocked.Increment(ref _lldpLooped);

    internal long Rejected() => Interlocked.Increment(ref _lldpRejected);

    internal long PacketMalformed() => Interlocked.Increment(ref _packetsMalformed);

    /// <summary>Starts counting a switch connection's packet-ins (its own counter, see <see cref="DiscoverySwitch"/>).</summary>
    internal void Opened(DiscoverySwitch sw)
    {
        lock (_gate)
        {
            _live.Add(sw);
        }
    }

    /// <summary>Keeps a closed connection's count in the total.</summary>
    internal void Closed(DiscoverySwitch sw)
    {
        lock (_gate)
        {
            if (_live.Remove(sw))
            {
                _dataPacketInsOfClosed += sw.DataPacketIns;
            }
        }
    }

    /// <summary>A packet-in from a switch object discovery did not see come up (shared test doubles): counted here.</summary>
    internal void DataPacketInUnattributed() => Interlocked.Increment(ref _dataPacketInsUnattributed);

    private long DataPacketIns()
    {
        lock (_gate)
        {
            var sum = _dataPacketInsOfClosed + Interlocked.Read(ref _dataPacketInsUnattributed);
            foreach (var sw in _live)
            {
                sum += sw.DataPacketIns;
            }

            return sum;
        }
    }
}
