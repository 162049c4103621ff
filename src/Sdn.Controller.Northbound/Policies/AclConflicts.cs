using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// Rules a switch could not order. OpenFlow picks the highest-priority matching entry, but leaves the choice between
/// overlapping entries of equal priority undefined (OpenFlow 1.3.5 §6.4), and keeps one entry per match and priority
/// (an ADD with both equal replaces the entry, cookie included). So, over every stored policy:
/// <list type="bullet">
/// <item>a DENY and an ALLOW at the same priority must not overlap (some packet would match both);</item>
/// <item>two rules must not have the same match and priority, unless they are the same rule of one policy version (a
/// policy's replacement overwrites its own entries, which is how make-before-break keeps them).</item>
/// </list>
/// </summary>
public static class AclConflicts
{
    /// <summary>Checks <paramref name="policy"/>'s rules against each other and against <paramref name="others"/>' rules.</summary>
    /// <param name="policy">The policy being applied.</param>
    /// <param name="others">Every other stored policy (not <paramref name="policy"/>'s previous version).</param>
    /// <exception cref="PolicyValidationException">The first conflict, naming both rules.</exception>
    public static void Check(AclPolicy policy, IEnumerable<AclPolicy> others)
    {
        for (var j = 0; j < policy.Rules.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                Pair(policy.Rules[j], $"acl[{j}]", policy.Rules[i], $"acl[{i}]");
            }

            foreach (var other in others)
            {
                for (var i = 0; i < other.Rules.Count; i++)
                {
                    Pair(policy.Rules[j], $"acl[{j}]", other.Rules[i], $"policy '{other.Id}' acl[{i}]");
                }
            }
        }
    }

    /// <summary>
    /// True when some packet matches both <paramref name="a"/> and <paramref name="b"/>: every OXM field present in both
    /// agrees on the bits both masks cover (fields up to 8 bytes, as policies use).
    /// </summary>
    public static bool Overlap(Match a, Match b)
    {
        foreach (var fa in a.Fields)
        {
            foreach (var fb in b.Fields)
            {
                if (fa.Class == fb.Class && fa.Field == fb.Field &&
                    ((fa.ValueAsUInt64() ^ fb.ValueAsUInt64()) & fa.MaskAsUInt64() & fb.MaskAsUInt64()) != 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Pair(AclEntry rule, string at, AclEntry other, string otherAt)
    {
        if (rule.Priority != other.Priority)
        {
            return;
        }

        var priority = rule.Priority - PolicyValidator.PriorityBase;
        if (rule.Match == other.Match)
        {
            throw new PolicyValidationException(
                $"{at}: same match and priority {priority} as {otherAt}; a switch keeps one flow entry per match and priority, so change the priority or drop one of them");
        }

        if (rule.Action != other.Action && Overlap(rule.Match, other.Match))
        {
            throw new PolicyValidationException(
                $"{at}: {rule.Action.ToString().ToUpperInvariant()} overlaps {other.Action.ToString().ToUpperInvariant()} {otherAt} at the same priority {priority} " +
                "(contradictory: OpenFlow leaves the winner undefined); give the exception a higher priority");
        }
    }
}
