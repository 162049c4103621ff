using System.Globalization;
using Sdn.Grpc;
using Sdn.OpenFlow;

namespace Sdn.Controller.Northbound.Services;

/// <summary>Request field parsing that fails with INVALID_ARGUMENT naming the field.</summary>
internal static class Parse
{
    public static DatapathId Dpid(string text, string field) =>
        TryDpid(text, out var dpid) ? dpid : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {NotADpid(text)}"));

    /// <summary>Parses 16 hex digits, 0x-prefixed hex or a decimal number.</summary>
    public static bool TryDpid(string text, out DatapathId dpid)
    {
        var t = text.Trim();
        var ok = ulong.TryParse(t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? t[2..] : t, t.Length == 16 || t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var v);
        dpid = new DatapathId(v);
        return ok && t.Length > 0;
    }

    /// <summary>The problem text for a malformed dpid.</summary>
    public static string NotADpid(string text) => $"'{text}' is not a datapath id (16 hex digits, 0x-prefixed hex, or decimal)";

    public static MacAddress Mac(string text, string field)
    {
        try
        {
            return MacAddress.Parse(text);
        }
        catch (FormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: '{text}' is not a MAC address like 00:00:00:00:00:01"));
        }
    }
}
