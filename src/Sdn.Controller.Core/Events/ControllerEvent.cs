namespace Sdn.Controller.Events;

/// <summary>
/// Base of every event the controller publishes on its <see cref="EventBus"/> (topology, path, policy events).
/// Immutable; safe to share between subscribers.
/// </summary>
/// <param name="Timestamp">When the controller observed the change (UTC, from the controller's <see cref="TimeProvider"/>).</param>
public abstract record ControllerEvent(DateTimeOffset Timestamp);
