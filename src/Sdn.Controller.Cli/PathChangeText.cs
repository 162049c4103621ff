using Sdn.Controller.Northbound.V1;

namespace Sdn.Controller.Cli;

/// <summary>Path moves reported by ApplyPolicy / DeletePolicy as text, one line each.</summary>
public static class PathChangeText
{
    /// <summary>
    /// Writes <c>path SRC -> DST: OLD => NEW (STATE)</c> per change, switches as dpids joined by <c>></c>, e.g.
    /// <c>path 00:00:00:00:00:01 -> 00:00:00:00:00:02: 0000000000000001 > 0000000000000002 => 0000000000000001 > 0000000000000004 > 0000000000000003 > 0000000000000002 (confirmed)</c>;
    /// <c>none</c> for an empty side.
    /// </summary>
    /// <param name="o">Where to write.</param>
    /// <param name="changes">The changes, in the order given.</param>
    public static void Write(TextWriter o, IEnumerable<IntentPathChange> changes)
    {
        foreach (var c in changes)
        {
            var state = c.State.ToString() switch
            {
                "NotConfirmed" => "not confirmed",
                var s => s.ToLowerInvariant(),
            };
            o.WriteLine($"path {c.SrcMac} -> {c.DstMac}: {Hops(c.OldHops)} => {Hops(c.NewHops)} ({state})");
        }
    }

    private static string Hops(IEnumerable<Hop> hops) => string.Join(" > ", hops.Select(h => h.Dpid)) is { Length: > 0 } text ? text : "none";
}
