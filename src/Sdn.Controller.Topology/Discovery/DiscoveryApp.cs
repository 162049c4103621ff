using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Topology.Model;
using Sdn.Controller.Topology.Service;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;
using Sdn.Packets;

namespace Sdn.Controller.Topology.Discovery;

/// <summary>
/// The always-on system app that keeps <see cref="TopologyService"/> current:
/// <list type="bullet">
/// <item>switch up: registers the switch, installs the LLDP → controller flow, probes every live port at once;</item>
/// <item>every <c>Topology:ProbeInterval</c> (<see cref="ProbeAll"/>, driven by <see cref="DiscoveryLoop"/>): an LLDP
/// PACKET_OUT on every live port of every switch, then link and host aging;</item>
/// <item>LLDP packet-in: our probe from (dpid, port) arriving at (this switch, in_port) is the directed link
/// between them; malformed, foreign, looped-back or unknown-end probes are counted, logged at debug and ignored;</item>
/// <item>other packet-ins: host tracking (source MAC, VLAN, ARP sender / IPv4 / IPv6 source) at edge ports;</item>
/// <item>PORT_STATUS: port state into the topology (links through a dead port go at once); a port coming up is probed at once.</item>
/// </list>
/// Cookie id 0x01. Runs ahead of the configured apps for every event.
/// </summary>
public sealed class DiscoveryApp : ISwitchLifecycleHandler, IPacketInHandler, IPortStatusHandler
{
    /// <summary>App name (always on; listing it in <c>Controller:Apps</c> is allowed and changes nothing).</summary>
    public const string AppName = "Topology";

    /// <summary>Cookie id (top byte of the cookie) of the LLDP flow.</summary>
    public const byte CookieId = 0x01;

    private const int WarnEvery = 1000;
    private readonly ConcurrentDictionary<DatapathId, ISwitch> _switches = new();
    private readonly TopologyService _topology;
    private readonly LldpProbes _probes;
    private readonly ILogger<DiscoveryApp> _log;

    /// <summary>Creates the app over the topology service.</summary>
    public DiscoveryApp(TopologyService topology, IOptions<TopologyOptions> options, ILogger<DiscoveryApp> log)
    {
        _topology = topology;
        _probes = new LldpProbes(options.Value);
        _log = log;
    }

    /// <inheritdoc />
    public string Name => AppName;

    /// <summary>Counters (probes sent, LLDP accepted and ignored by kind).</summary>
    public DiscoveryStats Stats { get; } = new();

    /// <inheritdoc />
    public void OnSwitchUp(ISwitch sw)
    {
        var state = new DiscoverySwitch(sw.Dpid);
        sw.AppState = state;
        Stats.Opened(state);
        _switches[sw.Dpid] = sw;
        _topology.SwitchConnected(sw.Dpid, sw.Version, sw.Ports.Values);
        sw.Send(_probes.LldpToController());
        ProbeSwitch(sw);
    }

    /// <inheritdoc />
    public void OnSwitchDown(ISwitch sw, string reason)
    {
        if (sw.AppState is DiscoverySwitch state)
        {
            Stats.Closed(state);
            sw.AppState = null;
        }

        if (_switches.TryRemove(new KeyValuePair<DatapathId, ISwitch>(sw.Dpid, sw)))
        {
            _probes.Forget(sw.Dpid);
            _topology.SwitchDisconnected(sw.Dpid, reason);
        }
    }

    /// <inheritdoc />
    public void OnPortStatus(ISwitch sw, PortStatus portStatus)
    {
        _topology.PortChanged(sw.Dpid, portStatus);
        if (portStatus.Reason != PortStatusReason.Delete && portStatus.Port.IsUp && portStatus.Port.PortNo.IsPhysical)
        {
            Probe(sw, portStatus.Port);
        }
    }

    /// <inheritdoc />
    public void OnPacketIn(ISwitch sw, in PacketInView packetIn)
    {
        var data = packetIn.Data;
        if (data.Length >= 14 && BinaryPrimitives.ReadUInt16BigEndian(data[12..]) == (ushort)EtherType.Lldp)
        {
            OnLldp(sw, packetIn.InPort, data);
        }
        else if (sw.AppState is DiscoverySwitch state)
        {
            state.DataPacketIn();
            TrackHost(state.Dpid, packetIn.InPort, data);
        }
        else
        {
            Stats.DataPacketInUnattributed();
            TrackHost(sw.Dpid, packetIn.InPort, data);
        }
    }

    /// <summary>One probe round: an LLDP PACKET_OUT on every live port of every connected switch, then aging.</summary>
    public void ProbeAll()
    {
        foreach (var sw in _switches.Values)
        {
            ProbeSwitch(sw);
        }

        _topology.Expire();
    }

    private void ProbeSwitch(ISwitch sw)
    {
        foreach (var port in sw.Ports.Values)
        {
            if (port.PortNo.IsPhysical && port.IsUp)
            {
                Probe(sw, port);
            }
        }
    }

    private void Probe(ISwitch sw, PortDescription port)
    {
        var frame = _probes.Frame(new SwitchPort(sw.Dpid, port.PortNo), port.HardwareAddress);
        if (sw.Send(new PacketOutSpec(BufferId.NoBuffer, PortNumber.Controller, port.PortNo, frame)))
        {
            Stats.ProbeSent();
        }
    }

    private void OnLldp(ISwitch sw, PortNumber inPort, ReadOnlySpan<byte> frame)
    {
        if (!LldpPacket.TryParseSwitchPort(frame, out var srcDpid, out var srcPort, out var error))
        {
            if (error is null)
            {
                Stats.Foreign();
            }
            else if (Stats.Malformed() % WarnEvery == 1)
            {
                _log.LogWarning("dpid={Dpid} port {Port}: malformed LLDP ignored ({Error})", sw.Dpid, inPort, error);
            }

            return;
        }

        if (srcDpid == sw.Dpid)
        {
            Stats.Looped();
            _log.LogDebug("dpid={Dpid}: LLDP from its own port {SrcPort} came back on port {InPort}; ignored", sw.Dpid, srcPort, inPort);
            return;
        }

        var link = new Link(new SwitchPort(srcDpid, srcPort), new SwitchPort(sw.Dpid, inPort));
        if (_topology.LinkObserved(link))
        {
            Stats.Accepted();
        }
        else if (Stats.Rejected() % WarnEvery == 1)
        {
            _log.LogInformation("LLDP for {Link} names an unknown or dead switch or port; ignored", link);
        }
    }

    private void TrackHost(DatapathId dpid, PortNumber inPort, ReadOnlySpan<byte> frame)
    {
        if (frame.Length >= 12)
        {
            if (!_topology.WorthParsing(MacAddress.Read(frame[6..]), new SwitchPort(dpid, inPort)))
            {
                return; // known here and seen within the second, or the host table is full: nothing to parse
            }
        }

        if (!PacketParser.TryParse(frame, out var packet, out var error))
        {
            if (Stats.PacketMalformed() % WarnEvery == 1)
            {
                _log.LogDebug("dpid={Dpid} port {Port}: malformed packet-in, no host learned ({Error})", dpid, inPort, error);
            }

            return;
        }

        IPv4Address? ipv4 = null;
        IPv6Address? ipv6 = null;
        if (packet.Has(PacketLayers.Arp) && packet.ArpSenderIp != IPv4Address.Any && packet.ArpSenderMac == packet.EthSource)
        {
            ipv4 = packet.ArpSenderIp;
        }
        else if (packet.Has(PacketLayers.IPv4) && packet.Ipv4Source != IPv4Address.Any)
        {
            ipv4 = packet.Ipv4Source;
        }
        else if (packet.Has(PacketLayers.IPv6) && packet.Ipv6Source != IPv6Address.Any)
        {
            ipv6 = packet.Ipv6Source;
        }

        _topology.HostObserved(packet.EthSource, packet.OuterVlan?.VlanId, new SwitchPort(dpid, inPort), ipv4, ipv6);
    }
}
