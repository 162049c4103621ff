using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Sdn.Controller.Apps;
using Sdn.Controller.Events;
using Sdn.Controller.Northbound.V1;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// Enforces the stored policies: every deny rule is a drop flow (no instructions) on every connected OpenFlow 1.3
/// switch, at priority 1000 + rule priority, cookie <c>0x20</c> | 40-bit hash of the policy id | 16-bit version.
/// Applying replaces make-before-break (new version, barrier, then the old version's flows are deleted); switches that
/// (re)connect get every stored policy. Always-on system app (cookie id 0x20).
/// </summary>
public sealed class PolicyApp : ISwitchLifecycleHandler
{
    /// <summary>App name.</summary>
    public const string AppName = "Policies";

    /// <summary>Cookie id (top byte of the cookie).</summary>
    public const byte CookieId = 0x20;

    private readonly object _gate = new();
    private readonly Dictionary<DatapathId, ISwitch> _switches = [];
    private readonly Dictionary<string, (ulong Cookie, AclPolicy Policy)> _active = new(StringComparer.Ordinal);
    private readonly PolicyStore _store;
    private readonly EventBus _bus;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyApp> _log;

    /// <summary>Loads the stored policies (already validated by the store).</summary>
    public PolicyApp(PolicyStore store, EventBus bus, TimeProvider time, ILogger<PolicyApp> log)
    {
        _store = store;
        _bus = bus;
        _time = time;
        _log = log;
        foreach (var policy in store.All)
        {
            _active[policy.Id] = (CookieOf(policy.Id, 1), PolicyValidator.Validate(policy));
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
            _log.LogWarning("dpid={Dpid} speaks OpenFlow {Version}: policies need OpenFlow 1.3 (delete by cookie); not enforced there", sw.Dpid, sw.Version);
            return;
        }

        lock (_gate)
        {
            _switches[sw.Dpid] = sw;

            // Drop flows of policies deleted while the controller was away must not outlive them: clear the range, re-add.
            sw.Send(new CookieRange(CookieId).DeleteAll());
            foreach (var (cookie, policy) in _active.Values)
            {
                foreach (var rule in policy.Rules)
                {
                    sw.Send(Drop(rule, cookie));
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
    /// <exception cref="PolicyValidationException">The policy is invalid; nothing changed.</exception>
    /// <exception cref="PolicyStoreException">Storing failed; nothing changed.</exception>
    /// <exception cref="TimeoutException">A switch did not confirm in time (the policy is stored and applied elsewhere).</exception>
    public async Task<ApplyPolicyResponse> ApplyAsync(ApplyPolicyRequest request, CancellationToken cancellationToken)
    {
        var policy = PolicyValidator.Validate(request.Policy);
        var response = new ApplyPolicyResponse();
        List<ISwitch> targets;
        ulong? oldCookie;
        ulong cookie;
        lock (_gate)
        {
            oldCookie = _active.TryGetValue(policy.Id, out var old) ? old.Cookie : null;
            cookie = oldCookie is { } c ? CookieOf(policy.Id, (ushort)((c & 0xffff) + 1)) : CookieOf(policy.Id, 1);
            targets = [.. _switches.Values.OrderBy(s => s.Dpid.Value)];
            foreach (var sw in targets)
            {
                response.FlowChanges.AddRange(policy.Rules.Select(r => $"add dpid={sw.Dpid} priority={r.Priority} {r.Text} actions=drop cookie=0x{cookie:x16}"));
                if (oldCookie is { } oc)
                {
                    response.FlowChanges.Add($"delete dpid={sw.Dpid} cookie=0x{oc:x16}");
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
                foreach (var rule in policy.Rules)
                {
                    sw.Send(Drop(rule, cookie));
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
        response.FlowChanges.AddRange(targets.Select(s => $"delete dpid={s.Dpid} cookie=0x{cookie:x16}"));
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

    private static FlowMod Drop(AclEntry rule, ulong cookie) =>
        new(FlowModCommand.Add, rule.Match, ValueArray<Sdn.OpenFlow.Instructions.OfpInstruction>.Empty) { Cookie = cookie, Priority = rule.Priority };

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
