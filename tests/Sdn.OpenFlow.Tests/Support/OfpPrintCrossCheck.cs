using Sdn.OpenFlow.Messages;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>
/// The checks of the <c>ovs-ofctl ofp-print</c> cross-check, whatever the OpenFlow version: the test classes own
/// their cases (message and texts to look for) and the codec that encodes them. Runs through <see cref="OvsOfctl"/>,
/// so a missing <c>ovs-ofctl</c> fails the test rather than skipping it.
/// </summary>
public static class OfpPrintCrossCheck
{
    /// <summary>Texts ofp-print writes when it cannot decode a message (it exits 0 even then).</summary>
    private static readonly string[] Complaints = ["***", "decode error", "too short", "bad length", "unknown"];

    /// <summary>ofp-print decodes <paramref name="bytes"/> without complaint and shows every text of <paramref name="expect"/>.</summary>
    public static void DecodesCleanlyAndShows(byte[] bytes, IEnumerable<string> expect)
    {
        var output = OvsOfctl.OfpPrint(bytes);
        foreach (var bad in Complaints)
        {
            Assert.False(output.Contains(bad, StringComparison.OrdinalIgnoreCase), $"ofp-print reported '{bad}' for {Hex.Format(bytes)}:\n{output}");
        }

        foreach (var text in expect)
        {
            Assert.True(output.Contains(text, StringComparison.Ordinal), $"ofp-print output lacks '{text}':\n{output}");
        }
    }

    /// <summary>
    /// Every sealed message record the codec assembly models (but the <c>Unknown*</c> carriers and
    /// <paramref name="notInThisVersion"/>) is among the types of <paramref name="covered"/>.
    /// </summary>
    public static void CoversEveryModelledKind(IEnumerable<OfpMessage> covered, params Type[] notInThisVersion)
    {
        var types = covered.Select(m => m.GetType()).ToHashSet();
        var modelled = typeof(OfpMessage).Assembly.GetTypes()
            .Where(t => t.IsSealed && typeof(OfpMessage).IsAssignableFrom(t) && !t.Name.StartsWith("Unknown", StringComparison.Ordinal))
            .Where(t => !notInThisVersion.Contains(t));
        Assert.Empty(modelled.Where(t => !types.Contains(t)).Select(t => t.Name));
    }

    /// <summary>ofp-print complains (<c>***</c>) about corrupted bytes: proof that the cross-check has teeth.</summary>
    public static void Complains(byte[] corrupted) => Assert.Contains("***", OvsOfctl.OfpPrint(corrupted), StringComparison.Ordinal);
}
