using System.Net;
using System.Text.RegularExpressions;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// Checks a <see cref="Policy"/> up front and turns it into flows (nothing is applied when anything is wrong).
/// Prerequisites follow OpenFlow 1.3.5 §7.2.3.6: IPv4 fields imply eth_type 0x0800, TCP/UDP ports need ip_proto 6/17.
/// Rules are DENY or ALLOW; rules of the policy that the switch could not order (<see cref="AclConflicts"/>) are refused.
/// </summary>
public static partial class PolicyValidator
{
    /// <summary>
    /// OpenFlow priority of a rule with priority 0 (rules add 1-1000): above the ACL stage's goto entry (0) and, in
    /// the single-table pipeline, above every forwarding flow; below discovery's LLDP punt (0xffff).
    /// </summary>
    public const ushort PriorityBase = 1000;

    /// <summary>Most rules per policy.</summary>
    public const int MaxRules = 256;

    private const ushort Ipv4EtherType = 0x0800;

    /// <summary>Validates <paramref name="policy"/> on its own (other policies: <see cref="AclConflicts.Check"/>).</summary>
    /// <exception cref="PolicyValidationException">The first problem found, naming the field.</exception>
    public static AclPolicy Validate(Policy? policy)
    {
        if (policy is null)
        {
            throw new PolicyValidationException("policy: required");
        }

        if (!IdPattern().IsMatch(policy.Id))
        {
            throw new PolicyValidationException($"id: '{policy.Id}' must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }

        if (policy.Acl.Count > MaxRules || (policy.Acl.Count == 0 && policy.Intents.Count == 0))
        {
            throw new PolicyValidationException($"acl: a policy needs 1 to {MaxRules} rules (has {policy.Acl.Count}) or at least one path intent");
        }

        Intents.IntentValidator.Validate(policy.Id, policy.Intents);
        var entries = policy.Acl.Select((rule, i) => Entry(rule, $"acl[{i}]")).ToList();
        var validated = new AclPolicy(policy.Id, policy.Description, entries);
        AclConflicts.Check(validated, []);
        return validated;
    }

    private static AclEntry Entry(AclRule rule, string at)
    {
        if (rule.Action is not (AclAction.Deny or AclAction.Allow))
        {
            throw new PolicyValidationException($"{at}.action: must be DENY or ALLOW (was {rule.Action})");
        }

        if (rule.Priority is < 1 or > 1000)
        {
            throw new PolicyValidationException($"{at}.priority: must be 1-1000 (was {rule.Priority})");
        }

        // An ALLOW may match everything (it lifts every lower-priority DENY); a DENY matching everything would cut the network off.
        var (match, matchText) = MatchOf(rule.Match, $"{at}.match", allowAny: rule.Action == AclAction.Allow);
        return new AclEntry(rule.Action, (ushort)(PriorityBase + rule.Priority), match, matchText);
    }

    /// <summary>
    /// The OXM match of <paramref name="m"/> with prerequisites filled in, and its text.
    /// </summary>
    /// <param name="m">The match; null is refused.</param>
    /// <param name="at">Field path for messages, e.g. "acl[0].match".</param>
    /// <param name="allowAny">True to accept a match without fields (match-all, empty text).</param>
    /// <exception cref="PolicyValidationException">The first problem, naming the field.</exception>
    public static (Sdn.OpenFlow.Matching.Match Match, string Text) MatchOf(AclMatch? m, string at, bool allowAny = false)
    {
        if (m is null)
        {
            throw new PolicyValidationException($"{at}: required");
        }

        var fields = new List<OxmField>();
        var text = new List<string>();
        void Add(OxmField f, string t)
        {
            fields.Add(f);
            text.Add(t);
        }

        var ethType = m.EthType;
        if (ethType > 0xffff)
        {
            throw new PolicyValidationException($"{at}.eth_type: {ethType} is not a 16-bit EtherType");
        }

        var needsIpv4 = m.Ipv4Src.Length > 0 || m.Ipv4Dst.Length > 0 || m.IpProto != 0;
        if (needsIpv4 && ethType != 0 && ethType != Ipv4EtherType)
        {
            throw new PolicyValidationException($"{at}: IPv4 fields need eth_type 0x0800 but eth_type is 0x{ethType:x4} (contradictory match)");
        }

        if (m.EthSrc.Length > 0)
        {
            Add(OxmField.EthSrc(Mac(m.EthSrc, $"{at}.eth_src")), $"eth_src={m.EthSrc}");
        }

        if (m.EthDst.Length > 0)
        {
            Add(OxmField.EthDst(Mac(m.EthDst, $"{at}.eth_dst")), $"eth_dst={m.EthDst}");
        }

        if (needsIpv4)
        {
            ethType = Ipv4EtherType;
        }

        if (ethType != 0)
        {
            Add(OxmField.EthType((ushort)ethType), $"eth_type=0x{ethType:x4}");
        }

        if (m.IpProto > 255)
        {
            throw new PolicyValidationException($"{at}.ip_proto: {m.IpProto} is not an IP protocol number (0-255)");
        }

        if (m.IpProto != 0)
        {
            Add(OxmField.IpProto((byte)m.IpProto), $"ip_proto={m.IpProto}");
        }

        if (m.Ipv4Src.Length > 0)
        {
            var (a, mask) = Prefix(m.Ipv4Src, $"{at}.ipv4_src");
            Add(OxmField.Ipv4Src(a, mask), $"ipv4_src={m.Ipv4Src}");
        }

        if (m.Ipv4Dst.Length > 0)
        {
            var (a, mask) = Prefix(m.Ipv4Dst, $"{at}.ipv4_dst");
            Add(OxmField.Ipv4Dst(a, mask), $"ipv4_dst={m.Ipv4Dst}");
        }

        foreach (var (port, name, isSrc) in new[] { (m.TpSrc, "tp_src", true), (m.TpDst, "tp_dst", false) })
        {
            if (port == 0)
            {
                continue;
            }

            if (port > 65535)
            {
                throw new PolicyValidationException($"{at}.{name}: {port} is not a port (1-65535)");
            }

            var field = m.IpProto switch
            {
                6 => isSrc ? OxmBasicField.TcpSrc : OxmBasicField.TcpDst,
                17 => isSrc ? OxmBasicField.UdpSrc : OxmBasicField.UdpDst,
                _ => throw new PolicyValidationException($"{at}.{name}: a port needs ip_proto 6 (TCP) or 17 (UDP) (ip_proto is {m.IpProto})"),
            };
            Add(OxmField.Basic(field, port), $"{name}={port}");
        }

        if (fields.Count == 0 && !allowAny)
        {
            throw new PolicyValidationException($"{at}: set at least one field (a rule matching everything would cut the network off)");
        }

        return (new Sdn.OpenFlow.Matching.Match([.. fields]), string.Join(',', text));
    }

    private static MacAddress Mac(string text, string at)
    {
        try
        {
            return MacAddress.Parse(text);
        }
        catch (FormatException)
        {
            throw new PolicyValidationException($"{at}: '{text}' is not a MAC address like 00:00:00:00:00:01");
        }
    }

    private static (uint Address, uint? Mask) Prefix(string text, string at)
    {
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || addressText.Count(c => c == '.') != 3)
        {
            throw new PolicyValidationException($"{at}: '{text}' is not an IPv4 address or prefix");
        }

        var bytes = ip.GetAddressBytes();
        var address = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        if (slash < 0)
        {
            return (address, null);
        }

        if (!int.TryParse(text[(slash + 1)..], out var length) || length is < 0 or > 32)
        {
            throw new PolicyValidationException($"{at}: prefix length in '{text}' must be 0-32");
        }

        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        if ((address & ~mask) != 0)
        {
            throw new PolicyValidationException($"{at}: '{text}' has host bits set (did you mean {IPAddress.Parse((address & mask).ToString())}/{length}?)");
        }

        return length == 32 ? (address, null) : (address, mask);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
