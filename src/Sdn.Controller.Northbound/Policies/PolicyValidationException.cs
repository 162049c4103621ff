namespace Sdn.Controller.Northbound.Policies;

/// <summary>A policy is invalid; the message names the field and the problem (sent as INVALID_ARGUMENT).</summary>
/// <param name="message">E.g. "acl[2].match.ipv4_src: '10.0.0.300' is not an IPv4 address or prefix".</param>
public sealed class PolicyValidationException(string message) : Exception(message);
