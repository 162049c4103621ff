namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// A valid policy the controller cannot enforce as configured (sent as FAILED_PRECONDITION), e.g. an ALLOW rule with
/// <c>Policies:AclTable=false</c>. Nothing was applied or stored.
/// </summary>
/// <param name="message">Names the rule and the setting.</param>
public sealed class PolicyPreconditionException(string message) : Exception(message);
