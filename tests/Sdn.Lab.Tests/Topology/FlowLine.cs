using System.Globalization;
using System.Text.RegularExpressions;

namespace Sdn.Lab.Tests.Topology;

/// <summary>The fields of one <c>ovs-ofctl --no-names dump-flows</c> line that the path checks need.</summary>
public sealed partial record FlowLine(ulong Cookie, string? EthSrc, string? EthDst, long Packets, IReadOnlyList<long> Outputs, string Text)
{
    [GeneratedRegex(@"cookie=0x([0-9a-f]+)")]
    private static partial Regex CookieField();

    [GeneratedRegex(@"n_packets=(\d+)")]
    private static partial Regex PacketsField();

    [GeneratedRegex(@"dl_src=([0-9a-f:]{17})")]
    private static partial Regex SrcField();

    [GeneratedRegex(@"dl_dst=([0-9a-f:]{17})(?!/)")]
    private static partial Regex DstField();

    [GeneratedRegex(@"output:(\d+)")]
    private static partial Regex OutputAction();

    /// <summary>Parses a flow line (fields it lacks are null / 0 / empty).</summary>
    public static FlowLine Parse(string text)
    {
        var actions = text.Contains("actions=", StringComparison.Ordinal) ? text[text.IndexOf("actions=", StringComparison.Ordinal)..] : string.Empty;
        return new FlowLine(
            CookieField().Match(text) is { Success: true } c ? ulong.Parse(c.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 0,
            SrcField().Match(text) is { Success: true } s ? s.Groups[1].Value : null,
            DstField().Match(text) is { Success: true } d ? d.Groups[1].Value : null,
            PacketsField().Match(text) is { Success: true } p ? long.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            OutputAction().Matches(actions).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList(),
            text);
    }

    /// <summary>True if the flow matches exactly this source and destination MAC.</summary>
    public bool Matches(string srcMac, string dstMac) => EthSrc == srcMac && EthDst == dstMac;
}
