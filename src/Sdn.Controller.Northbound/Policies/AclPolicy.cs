using Sdn.OpenFlow.Matching;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>A validated access-control policy: what <see cref="PolicyValidator"/> accepted.</summary>
/// <param name="Id">Client-chosen id.</param>
/// <param name="Description">Free text.</param>
/// <param name="Rules">Deny rules with their OpenFlow priority and OXM match.</param>
public sealed record AclPolicy(string Id, string Description, IReadOnlyList<AclEntry> Rules);

/// <summary>One deny rule as a flow: drop frames matching <paramref name="Match"/> at <paramref name="Priority"/>.</summary>
/// <param name="Priority">OpenFlow priority: <see cref="PolicyValidator.PriorityBase"/> + the rule's priority.</param>
/// <param name="Match">OXM match with prerequisites filled in.</param>
/// <param name="Text">ovs-ofctl-like text of the match, for diffs and logs.</param>
public sealed record AclEntry(ushort Priority, Match Match, string Text);
