using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>A validated access-control policy: what <see cref="PolicyValidator"/> accepted.</summary>
/// <param name="Id">Client-chosen id.</param>
/// <param name="Description">Free text.</param>
/// <param name="Rules">DENY and ALLOW rules with their OpenFlow priority and OXM match, in the policy's order.</param>
public sealed record AclPolicy(string Id, string Description, IReadOnlyList<AclEntry> Rules);

/// <summary>
/// One rule as a flow of the ACL stage: frames matching <paramref name="Match"/> at <paramref name="Priority"/> are
/// dropped (DENY: no instructions) or continue to forwarding (ALLOW: goto_table, OpenFlow 1.3.5 §7.2.4).
/// </summary>
/// <param name="Action">DENY or ALLOW (never unspecified).</param>
/// <param name="Priority">OpenFlow priority: <see cref="PolicyValidator.PriorityBase"/> + the rule's priority (1001-2000).</param>
/// <param name="Match">OXM match with prerequisites filled in.</param>
/// <param name="Text">ovs-ofctl-like text of the match, for diffs and logs; empty for match-all.</param>
public sealed record AclEntry(AclAction Action, ushort Priority, Match Match, string Text)
{
    /// <summary>True for an ALLOW rule.</summary>
    public bool Allows => Action == AclAction.Allow;
}
