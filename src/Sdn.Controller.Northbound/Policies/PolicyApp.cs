using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Sdn.Controller.Apps;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// Enforces the stored policies on every connected OpenFlow 1.3 switch as the ACL stage of the pipeline
/// (<see cref="FlowPipeline"/>, OpenFlow 1.3.5 §5.1): each rule is a flow in table 0 at priority 1000 + rule priority,
/// cookie <c>0x20</c> | 40-bit hash of the policy id | 16-bit version; DENY has no instructions (drop), ALLOW is
/// goto_table 1 (§7.2.4), and a priority-0 entry goto_table 1 (cookie <c>0x2000000000000000</c>) lets everything else
/// continue to forwarding. So over all policies the highest-priority matching rule decides, and the default is allow.
/// With the single-table pipeline (<c>Policies:AclTable=false</c>) DENY rules are drop flows in table 0 above
/// forwarding and ALLOW is refused. Applying replaces make-before-break (new version, barrier, then the old version's
/// flows are deleted); switches that (re)connect get every stored policy. OpenFlow 1.0 switches are left alone (no
/// delete by cookie, no goto_table). Always-on system app (cookie id 0x20, ingress stage: writes table 0 as is).
/// </summary>
public sealed class PolicyApp : ISwitchLifecycleHandler
{
    /// <summary>App name.</summary>
    public const string AppName = "Policies";

    /// <summary>Cookie id (top byte of the cookie).</summary>
    public const byte CookieId = 0x20;

    /// <summary>Cookie of the ACL stage's priority-0 goto entry: the app's base cookie (policy versions start at 1).</summary>
    public const ulong AclMissCookie = (ulong)CookieId << 56;

    private readonly object _gate = new();
    private readonly Dictionary<DatapathId, ISwitch> _switches = [];
    private readonly Dictionary<string, (ulong Cookie, AclPolicy Policy)> _active = new(StringComparer.Ordinal);
    private readonly PolicyStore _store;
    private readonly EventBus _bus;
    private readonly FlowPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyApp> _log;

    /// <summary>Loads the stored policies (already validated by the store).</summary>
    /// <exception cref="InvalidOperationException">
    /// A stored policy has ALLOW rules but <paramref name="pipeline"/> has no ACL stage (<c>Policies:AclTable=false</c>):
    /// enforcing only its DENY rules would block what it allows, so the controller refuses to start.
    /// </exception>
    public PolicyApp(PolicyStore store, EventBus bus, FlowPipeline pipeline, TimeProvider time, ILogger<PolicyApp> log)
    {
        _store = store;
        _bus = bus;
        _pipeline = pipeline;
        _time = time;
        _log = log;
        foreach (var policy in store.All)
        {
            var validated = PolicyValidator.Validate(policy);
            if (!pipeline.AclStage && validated.Rules.Any(r => r.Allows))
            {
                throw new InvalidOperationException(
                    $"Stored policy '{policy.Id}' has ALLOW rules, which need Policies:AclTable=true (the ACL table): start with that setting (and delete the policy there if you want a single table).");
            }

            _active[policy.Id] = (CookieOf(policy.Id, 1), validated);
        }
    }

    /// <inheritdoc />
    public string Name => AppName;

    /// <summary>The stored policies.</summary>
    public IReadOnlyList<Policy> Policies => _store.All;

    /// <inheritdoc />
    public void OnSwitchUp(ISwitch sw)
    {
        if (sw.Version != OfpVersion.OpenFlow13)
        {
            _log.LogWarning("dpid={Dpid} speaks {Version}: policies need OpenFlow 1.3 (delete by cookie); not enforced there", sw.Dpid, sw.Version);
            return;
        }

        var tables = _pipeline.For(sw.Version);
        lock (_gate)
        {
            _switches[sw.Dpid] = sw;

            // Flows of policies deleted while the controller was away must not outlive them: clear the range, re-add.
            sw.Send(new CookieRange(CookieId).DeleteAll());
            if (tables.HasAclStage)
            {
                sw.Send(AclMiss(tables));
            }

            foreach (var (cookie, policy) in _active.Values)
            {
                foreach (var rule in policy.Rules)
                {
                    sw.Send(Flow(rule, cookie, tables));
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnSwitchDown(ISwitch sw, string reason)
    {
        lock (_gate)
        {
            if (_switches.TryGetValue(sw.Dpid, out var current) && ReferenceEquals(current, sw))
            {
                _switches.Remove(sw.Dpid);
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="request"/>'s policy: validate, store, install on every switch, barrier, delete the
    /// previous version. With dry_run only the changes are computed.
    /// </summary>
    /// <returns>The flow changes and the switches that confirmed them.</returns>
    /// <exception cref="PolicyValidationException">The policy is invalid, or contradicts another stored policy; nothing changed.</exception>
    /// <exception cref="PolicyPreconditionException">ALLOW rules without the ACL table (<c>Policies:AclTable=false</c>); nothing changed.</exception>
    /// <exception cref="PolicyStoreException">Storing failed; nothing changed.</exception>
    /// <exception cref="TimeoutException">A switch did not confirm in time (the policy is stored and applied elsewhere).</exception>
    public async Task<ApplyPolicyResponse> ApplyAsync(ApplyPolicyRequest request, CancellationToken cancellationToken)
    {
        var policy = PolicyValidator.Validate(request.Policy);
        var allow = policy.Rules.Select((r, i) => r.Allows ? i : -1).FirstOrDefault(i => i >= 0, -1);
        if (!_pipeline.AclStage && allow >= 0)
        {
            throw new PolicyPreconditionException(
                $"acl[{allow}].action: ALLOW needs the ACL table, but Policies:AclTable is false (one flow table: only DENY rules can be enforced)");
        }

        var response = new ApplyPolicyResponse();
        List<ISwitch> targets;
        ulong? oldCookie;
        ulong cookie;
        lock (_gate)
        {
            AclConflicts.Check(policy, _active.Values.Select(a => a.Policy).Where(p => p.Id != policy.Id));
            oldCookie = _active.TryGetValue(policy.Id, out var old) ? old.Cookie : null;
            cookie = oldCookie is { } c ? CookieOf(policy.Id, (ushort)((c & 0xffff) + 1)) : CookieOf(policy.Id, 1);
            targets = [.. _switches.Values.OrderBy(s => s.Dpid.Value)];
            foreach (var sw in targets)
            {
                var tables = _pipeline.For(sw.Version);
                response.FlowChanges.AddRange(policy.Rules.Select(r => FlowChangeText.Add(sw.Dpid, Flow(r, cookie, tables), r.Text)));
                if (oldCookie is { } oc)
                {
                    response.FlowChanges.Add(FlowChangeText.Delete(sw.Dpid, CookieRange.DeleteExactly(oc)));
                }
            }

            if (request.DryRun)
            {
                return response;
            }

            var stored = request.Policy.Clone();
            stored.AppliedAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow());
            _store.Save(stored);
            _active[policy.Id] = (cookie, policy);
            foreach (var sw in targets)
            {
                var tables = _pipeline.For(sw.Version);
                foreach (var rule in policy.Rules)
                {
                    sw.Send(Flow(rule, cookie, tables));
                }
            }
        }

        await ConfirmAsync(targets, response, cancellationToken).ConfigureAwait(false);
        if (oldCookie is { } previous)
        {
            DeleteCookie(previous, targets);
            await ConfirmAsync(targets, null, cancellationToken).ConfigureAwait(false);
        }

        _bus.Publish(new PolicyEvent(_time.GetUtcNow(), policy.Id, Deleted: false));
        _log.LogInformation("Policy {Id} applied ({Rules} rules) on {Switches} switches", policy.Id, policy.Rules.Count, targets.Count);
        return response;
    }

    /// <summary>Deletes policy <paramref name="id"/> from the store and every switch (barrier-confirmed).</summary>
    /// <returns>The flow changes, or null when no such policy exists.</returns>
    public async Task<DeletePolicyResponse?> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        List<ISwitch> targets;
        ulong cookie;
        lock (_gate)
        {
            if (!_active.Remove(id, out var active))
            {
                return null;
            }

            _store.Delete(id);
            cookie = active.Cookie;
            targets = [.. _switches.Values.OrderBy(s => s.Dpid.Value)];
            DeleteCookie(cookie, targets);
        }

        var response = new DeletePolicyResponse();
        response.FlowChanges.AddRange(targets.Select(s => FlowChangeText.Delete(s.Dpid, CookieRange.DeleteExactly(cookie))));
        await ConfirmAsync(targets, null, cancellationToken).ConfigureAwait(false);
        _bus.Publish(new PolicyEvent(_time.GetUtcNow(), id, Deleted: true));
        return response;
    }

    /// <summary>The cookie of version <paramref name="version"/> of policy <paramref name="id"/> (FNV-1a 64 of the id, 40 bits).</summary>
    public static ulong CookieOf(string id, ushort version)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(id))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return ((ulong)CookieId << 56) | ((hash & 0xff_ffff_ffffUL) << 16) | version;
    }

    /// <summary>
    /// The FLOW_MOD of <paramref name="rule"/> on a switch with <paramref name="tables"/>: table 0, DENY without
    /// instructions (drop), ALLOW goto the forwarding table (OpenFlow 1.3.5 §7.2.4).
    /// </summary>
    public static FlowMod Flow(AclEntry rule, ulong cookie, SwitchTables tables) =>
        new(FlowModCommand.Add, rule.Match, rule.Allows ? [new GotoTableInstruction(tables.ForwardingTable)] : ValueArray<OfpInstruction>.Empty)
        {
            Cookie = cookie,
            Priority = rule.Priority,
            TableId = tables.AclTable,
        };

    /// <summary>
    /// The ACL stage's table-miss entry (OpenFlow 1.3.5 §5.4): table 0, priority 0, match all, goto the forwarding table,
    /// so frames no rule decides continue to forwarding (default allow).
    /// </summary>
    public static FlowMod AclMiss(SwitchTables tables) =>
        new(FlowModCommand.Add, Sdn.OpenFlow.Matching.Match.Any, [new GotoTableInstruction(tables.ForwardingTable)])
        {
            Cookie = AclMissCookie,
            Priority = 0,
            TableId = tables.AclTable,
        };

    private static void DeleteCookie(ulong cookie, IEnumerable<ISwitch> targets)
    {
        foreach (var sw in targets)
        {
            sw.Send(CookieRange.DeleteExactly(cookie));
        }
    }

    private static async Task ConfirmAsync(List<ISwitch> targets, ApplyPolicyResponse? response, CancellationToken cancellationToken)
    {
        await Task.WhenAll(targets.Select(async sw =>
        {
            await sw.BarrierAsync(cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                lock (response)
                {
                    response.ConfirmedDpids.Add(sw.Dpid.ToString());
                }
            }
        })).ConfigureAwait(false);
    }
}
