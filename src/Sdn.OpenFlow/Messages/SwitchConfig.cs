namespace Sdn.OpenFlow.Messages;

/// <summary>OFPT_GET_CONFIG_REQUEST (OpenFlow 1.3.5 §7.3.2). No body.</summary>
public sealed record GetConfigRequest : OfpMessage;

/// <summary>OFPT_GET_CONFIG_REPLY (OpenFlow 1.3.5 §7.3.2 <c>ofp_switch_config</c>).</summary>
/// <param name="Flags">IP fragment handling (<see cref="ConfigFlags"/>).</param>
/// <param name="MissSendLength">Bytes of a table-miss packet sent to the controller (0xffff = whole packet, no buffering).</param>
public sealed record GetConfigReply(ConfigFlags Flags, ushort MissSendLength) : OfpMessage;

/// <summary>OFPT_SET_CONFIG (OpenFlow 1.3.5 §7.3.2 <c>ofp_switch_config</c>).</summary>
/// <param name="Flags">IP fragment handling.</param>
/// <param name="MissSendLength">Bytes of a table-miss packet sent to the controller (0xffff = <c>OFPCML_NO_BUFFER</c>).</param>
public sealed record SetConfig(ConfigFlags Flags, ushort MissSendLength) : OfpMessage;

/// <summary>Switch configuration flags (OpenFlow 1.3.5 §7.3.2 <c>ofp_config_flags</c>).</summary>
public enum ConfigFlags : ushort
{
    /// <summary>No special handling for fragments.</summary>
    FragNormal = 0,
    /// <summary>Drop fragments.</summary>
    FragDrop = 1,
    /// <summary>Reassemble (if <see cref="SwitchCapabilities.IpReasm"/>).</summary>
    FragReasm = 2,
}
