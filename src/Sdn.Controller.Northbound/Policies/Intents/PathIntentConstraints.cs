using Sdn.Controller.Apps.ShortestPath;
using Sdn.Controller.Topology.Model;

namespace Sdn.Controller.Northbound.Policies.Intents;

/// <summary>
/// The live path intents that ShortestPath computes paths under (registered as its
/// <see cref="IPathConstraintProvider"/>): starts with the intents of every stored policy (so they hold again after a
/// restart, for the first paths computed after switches reconnect) and changes only through <see cref="Replace"/>,
/// which <see cref="PathIntentService"/> calls under ShortestPath's lock. Thread-safe, lock-free reads.
/// </summary>
public sealed class PathIntentConstraints : IPathConstraintProvider
{
    private IntentSet _current;

    /// <summary>Loads the intents of <paramref name="store"/>'s policies (validated when the store opened).</summary>
    public PathIntentConstraints(PolicyStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var set = IntentSet.Empty;
        foreach (var policy in store.All)
        {
            set = set.With(policy.Id, IntentValidator.Validate(policy.Id, policy.Intents));
        }

        _current = set;
    }

    /// <summary>The intents in force.</summary>
    public IntentSet Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="next"/> in force.</summary>
    /// <param name="next">The complete new set.</param>
    public void Replace(IntentSet next) => Volatile.Write(ref _current, next);

    /// <inheritdoc />
    public PathConstraint For(HostPair pair, TopologySnapshot snapshot) => Current.For(pair, snapshot);
}
