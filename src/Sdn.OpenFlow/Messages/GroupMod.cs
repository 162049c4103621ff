using Sdn.OpenFlow.Actions;

namespace Sdn.OpenFlow.Messages;

/// <summary>OFPT_GROUP_MOD (OpenFlow 1.3.5 §7.3.4.2 <c>ofp_group_mod</c>): add, modify or delete a group.</summary>
/// <param name="Command">What to do.</param>
/// <param name="GroupType">Group semantics.</param>
/// <param name="GroupId">The group.</param>
/// <param name="Buckets">Buckets (empty for delete).</param>
public sealed record GroupMod(GroupModCommand Command, GroupType GroupType, GroupId GroupId, ValueArray<Bucket> Buckets) : OfpMessage;

/// <summary>
/// A group bucket (OpenFlow 1.3.5 §7.3.4.2 <c>ofp_bucket</c>): weight for select groups, watch port/group for
/// fast-failover groups, and the actions.
/// </summary>
/// <param name="Weight">Relative weight (select groups; 0 otherwise).</param>
/// <param name="WatchPort">Port whose liveness gates the bucket (fast-failover), else <see cref="PortNumber.Any"/>.</param>
/// <param name="WatchGroup">Group whose liveness gates the bucket, else <see cref="GroupId.Any"/>.</param>
/// <param name="Actions">Actions of the bucket.</param>
public sealed record Bucket(ushort Weight, PortNumber WatchPort, GroupId WatchGroup, ValueArray<OfpAction> Actions);

/// <summary>GROUP_MOD commands (OpenFlow 1.3.5 §7.3.4.2 <c>ofp_group_mod_command</c>).</summary>
public enum GroupModCommand : ushort
{
    /// <summary>New group.</summary>
    Add = 0,
    /// <summary>Modify all matching groups.</summary>
    Modify = 1,
    /// <summary>Delete all matching groups.</summary>
    Delete = 2,
}

/// <summary>Group types (OpenFlow 1.3.5 §7.3.4.2 <c>ofp_group_type</c>).</summary>
public enum GroupType : byte
{
    /// <summary>All (multicast/broadcast) group.</summary>
    All = 0,
    /// <summary>Select group.</summary>
    Select = 1,
    /// <summary>Indirect group.</summary>
    Indirect = 2,
    /// <summary>Fast failover group.</summary>
    FastFailover = 3,
}
