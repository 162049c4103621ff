using System.Globalization;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>Small sample values the OpenFlow 1.0 and 1.3 tests write their messages with.</summary>
public static class Samples
{
    /// <summary>A 42-byte ARP request 10.0.0.1 → 10.0.0.2 from 02:00:00:00:00:01 (a fresh array on each call).</summary>
    public static byte[] ArpFrame => Hex.Parse(
        "ffffffffffff 020000000001 0806 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002");

    /// <summary>A dotted IPv4 address as the host-order number the OXM fields take.</summary>
    public static uint Ip(string dotted) =>
        dotted.Split('.').Select(p => uint.Parse(p, CultureInfo.InvariantCulture)).Aggregate(0u, (a, b) => (a << 8) | b);
}
