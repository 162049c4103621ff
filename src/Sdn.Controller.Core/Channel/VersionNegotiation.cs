using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Channel;

/// <summary>
/// OpenFlow version negotiation (OpenFlow 1.3.5 §6.3.1): with version bitmaps on both sides, the highest version
/// in both; otherwise the smaller of the two header versions, which must be one we speak.
/// </summary>
public static class VersionNegotiation
{
    /// <summary>Picks the version for a connection.</summary>
    /// <param name="ours">Versions this controller speaks (non-empty).</param>
    /// <param name="peer">The switch's HELLO.</param>
    /// <returns>The negotiated version, or null when there is none in common.</returns>
    public static OfpVersion? Negotiate(IReadOnlyCollection<OfpVersion> ours, Hello peer)
    {
        var peerHasBitmap = peer.Elements.OfType<HelloVersionBitmap>().Any();
        if (peerHasBitmap)
        {
            var offered = peer.OfferedVersions;
            var common = ours.Where(v => offered.Contains((byte)v)).ToArray();
            return common.Length == 0 ? null : common.Max();
        }

        var ourMax = (byte)ours.Max();
        var v = Math.Min(ourMax, peer.Version);
        return ours.Contains((OfpVersion)v) ? (OfpVersion)v : null;
    }

    /// <summary>Human readable list like <c>1.3 (0x04)</c>.</summary>
    public static string Describe(IEnumerable<byte> versions) =>
        string.Join(", ", versions.Select(v => v is >= 1 and <= 6 ? $"1.{(v == 1 ? 0 : v - 1)} (0x{v:x2})" : $"0x{v:x2}"));
}
