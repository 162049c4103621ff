namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>OFPMP_PORT_DESC request (OpenFlow 1.3.5 §7.3.5.7): no body.</summary>
public sealed record PortDescRequest : MultipartRequest;

/// <summary>OFPMP_PORT_DESC reply (OpenFlow 1.3.5 §7.3.5.7): an array of <c>ofp_port</c>.</summary>
/// <param name="Ports">The ports of this part.</param>
public sealed record PortDescReply(ValueArray<PortDescription> Ports) : MultipartReply;
