using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Northbound.Services;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;
using Sdn.Packets;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>
/// Checks a policy's <see cref="PathIntent"/>s on their own (no topology: stored policies are checked the same way
/// at start) and compiles them. Problems are <see cref="PolicyValidationException"/>s (INVALID_ARGUMENT) naming the
/// field, e.g. "intents[1].avoid_link.a.dpid: 'xyz' is not a datapath id (...)".
/// </summary>
public static class IntentValidator
{
    /// <summary>Most intents per policy.</summary>
    public const int MaxIntents = 64;

    /// <summary>Validates and compiles <paramref name="intents"/> of policy <paramref name="policyId"/>.</summary>
    /// <param name="policyId">The policy id (labels each intent "policy ID intents[i]").</param>
    /// <param name="intents">The intents, in order.</param>
    /// <returns>One compiled intent per intent, in order.</returns>
    /// <exception cref="PolicyValidationException">The first problem found, naming the field.</exception>
    public static IReadOnlyList<CompiledIntent> Validate(string policyId, IList<PathIntent> intents)
    {
        if (intents.Count > MaxIntents)
        {
            throw new PolicyValidationException($"intents: at most {MaxIntents} intents per policy (has {intents.Count})");
        }

        var compiled = new List<CompiledIntent>(intents.Count);
        for (var i = 0; i < intents.Count; i++)
        {
            var at = $"intents[{i}]";
            var intent = intents[i];
            var selector = intent.Selector ?? new PairSelector();
            var src = Host(selector.Src, $"{at}.selector.src");
            var dst = Host(selector.Dst, $"{at}.selector.dst");
            if (selector.OneWay && src.IsAny && dst.IsAny)
            {
                throw new PolicyValidationException($"{at}.selector.one_way: needs src or dst (every pair in one direction is every pair)");
            }

            (AvoidedLink? avoid, DatapathId? waypoint) = intent.ConstraintCase switch
            {
                PathIntent.ConstraintOneofCase.AvoidLink => ((AvoidedLink?)Avoid(intent.AvoidLink, $"{at}.avoid_link"), (DatapathId?)null),
                PathIntent.ConstraintOneofCase.Waypoint => ((AvoidedLink?)null, (DatapathId?)Dpid(intent.Waypoint.Dpid, $"{at}.waypoint.dpid")),
                _ => throw new PolicyValidationException($"{at}: set avoid_link or waypoint"),
            };
            var next = new CompiledIntent(policyId, i, src, dst, selector.OneWay, avoid, waypoint);
            if (waypoint is { } w && compiled.FirstOrDefault(c => c.Waypoint is { } other && other != w && c.Src == src && c.Dst == dst && c.OneWay == next.OneWay) is { } clash)
            {
                throw new PolicyValidationException($"{at}.waypoint: {clash.Field} already sends the same pairs through {clash.Waypoint}; a pair crosses at most one waypoint");
            }

            compiled.Add(next);
        }

        return compiled;
    }

    private static HostSelector Host(string text, string at)
    {
        if (text.Length == 0)
        {
            return HostSelector.Any;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            try
            {
                return new HostSelector(MacAddress.Parse(text), null);
            }
            catch (FormatException)
            {
                throw new PolicyValidationException($"{at}: '{text}' is not a MAC address like 00:00:00:00:00:01");
            }
        }

        return IPv4Address.TryParse(text, out var ip) && text.Count(c => c == '.') == 3
            ? new HostSelector(null, ip)
            : throw new PolicyValidationException($"{at}: '{text}' is neither a MAC address (00:00:00:00:00:01) nor an IPv4 address (10.0.0.1)");
    }

    private static AvoidedLink Avoid(AvoidLink link, string at)
    {
        if (link.A is null || link.B is null)
        {
            throw new PolicyValidationException($"{at}: set both ends a and b");
        }

        var a = Dpid(link.A.Dpid, $"{at}.a.dpid");
        var b = Dpid(link.B.Dpid, $"{at}.b.dpid");
        if (a == b)
        {
            throw new PolicyValidationException($"{at}: a and b are the same switch {a}; name the two switches of a link");
        }

        return new AvoidedLink(a, Port(link.A.Port, $"{at}.a.port"), b, Port(link.B.Port, $"{at}.b.port"));
    }

    private static PortNumber? Port(uint port, string at) => port switch
    {
        0 => null,
        < 0xffffff00 => new PortNumber(port),
        _ => throw new PolicyValidationException($"{at}: {port} is a reserved OpenFlow port, not a link's port (1 to 0xfffffeff, or 0 for any)"),
    };

    private static DatapathId Dpid(string text, string at) =>
        Parse.TryDpid(text, out var dpid) ? dpid : throw new PolicyValidationException($"{at}: {Parse.NotADpid(text)}");
}
