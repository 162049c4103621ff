using Sdn.Controller.Events;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>A policy was applied (stored and confirmed on the switches) or deleted.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="Deleted">True for a deletion.</param>
public sealed record PolicyEvent(DateTimeOffset Timestamp, string PolicyId, bool Deleted) : ControllerEvent(Timestamp);
