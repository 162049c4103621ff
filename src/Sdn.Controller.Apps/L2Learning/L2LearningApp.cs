using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sdn.Controller.Apps.Common;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps.L2Learning;

/// <summary>
/// An L2 learning switch with exactly the behaviour of Ryu's <c>simple_switch_13.py</c>:
/// <list type="bullet">
/// <item>switch up: install the table-miss entry (<see cref="TableMiss"/>);</item>
/// <item>packet-in: ignore LLDP (outer EtherType 0x88cc); learn source MAC → in_port for the dpid;</item>
/// <item>known destination: FLOW_MOD priority 1, match in_port + eth_dst + eth_src, apply-actions output to the
/// learned port (max_len <c>OFPCML_MAX</c> 0xffe5, as Ryu's default), no timeouts; with a valid buffer_id the
/// FLOW_MOD carries it and nothing else is sent, otherwise a PACKET_OUT with the data follows;</item>
/// <item>unknown destination: PACKET_OUT to FLOOD (the buffer_id when valid, else the data).</item>
/// </list>
/// Differences from Ryu, on purpose: the MAC table is cleared when a switch reconnects (its flows may be gone), and it is
/// bounded; a valid buffer_id of 0 is honoured (Ryu's <c>if buffer_id:</c> treats 0 as no buffer and loses the packet).
/// Flows carry this app's cookie (cookie id 0x10, so <c>0x1000000000000000</c>).
/// </summary>
public sealed class L2LearningApp(ILogger<L2LearningApp> log) : ISwitchLifecycleHandler, IPacketInHandler
{
    /// <summary>Configuration name.</summary>
    public const string AppName = "L2Learning";

    /// <summary>Cookie id (top byte of the cookie).</summary>
    public const byte CookieId = 0x10;

    /// <summary>Priority of learned flows (Ryu: 1).</summary>
    public const ushort LearnedPriority = 1;

    /// <summary><c>OFPCML_MAX</c> (0xffe5), Ryu's default max_len for an output action.</summary>
    public const ushort OutputMaxLength = 0xffe5;

    /// <summary>The cookie of learned flows: the app's id, the rest 0 (the core would stamp it; set here, no copy is needed).</summary>
    public const ulong LearnedCookie = (ulong)CookieId << 56;

    private readonly ConcurrentDictionary<DatapathId, MacTable> _tables = new();

    // Whether per-packet debug logging is on; asked of the logger at each switch-up, not per packet (the logger's
    // check walks its providers and cost a few percent of the packet-in path).
    private bool _debug = log.IsEnabled(LogLevel.Debug);

    /// <inheritdoc />
    public string Name => AppName;

    /// <summary>The learned table of <paramref name="dpid"/>, if the switch is up (for tests and the northbound API).</summary>
    public MacTable? TableOf(DatapathId dpid) => _tables.TryGetValue(dpid, out var t) ? t : null;

    /// <inheritdoc />
    public void OnSwitchUp(ISwitch sw)
    {
        _debug = log.IsEnabled(LogLevel.Debug);
        var table = new MacTable();
        _tables[sw.Dpid] = table;
        sw.AppState = table;
        sw.Send(TableMiss.FlowMod());
    }

    /// <inheritdoc />
    public void OnSwitchDown(ISwitch sw, string reason)
    {
        _tables.TryRemove(sw.Dpid, out _);
        sw.AppState = null;
    }

    /// <inheritdoc />
    public void OnPacketIn(ISwitch sw, in PacketInView packetIn)
    {
        if (!EthernetHeader.TryRead(packetIn.Data, out var eth))
        {
            log.LogDebug("dpid={Dpid}: packet-in of {Length} bytes is not an Ethernet frame; ignored", sw.Dpid, packetIn.Data.Length);
            return;
        }

        if (eth.EtherType == EthernetHeader.Lldp || TableFor(sw) is not { } table)
        {
            return;
        }

        var inPort = packetIn.InPort;
        if (_debug)
        {
            log.LogDebug("dpid={Dpid}: packet in {Src} -> {Dst} port {InPort}", sw.Dpid, eth.Source, eth.Destination, inPort);
        }

        table.Learn(eth.Source, inPort);
        var outPort = table.TryGetPort(eth.Destination, out var known) ? known : PortNumber.Flood;
        if (outPort != PortNumber.Flood)
        {
            sw.Send(new FlowRule
            {
                Cookie = LearnedCookie,
                Priority = LearnedPriority,
                Match = new FlowMatch { InPort = inPort, EthDst = eth.Destination, EthSrc = eth.Source },
                Output = outPort,
                OutputMaxLength = OutputMaxLength,
                BufferId = packetIn.BufferId,
            });
            if (packetIn.BufferId.IsBuffered)
            {
                return;
            }
        }

        var data = packetIn.BufferId.IsBuffered ? ReadOnlySpan<byte>.Empty : packetIn.Data;
        sw.Send(new PacketOutSpec(packetIn.BufferId, inPort, outPort, data, OutputMaxLength));
    }

    /// <summary>
    /// The table of <paramref name="sw"/>: from the app's slot on its view of the switch (set at switch-up; no lookup),
    /// else, for a switch object shared with other code (tests), from the dictionary.
    /// </summary>
    private MacTable? TableFor(ISwitch sw) =>
        sw.AppState as MacTable ?? (_tables.TryGetValue(sw.Dpid, out var table) ? table : null);
}
