namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>OFPMP_DESC request (OpenFlow 1.3.5 §7.3.5.1): no body.</summary>
public sealed record DescRequest : MultipartRequest;

/// <summary>OFPMP_DESC reply (OpenFlow 1.3.5 §7.3.5.1 <c>ofp_desc</c>, 1056 bytes): NUL-padded ASCII strings.</summary>
/// <param name="Manufacturer">Manufacturer description (256 bytes on the wire).</param>
/// <param name="Hardware">Hardware description (256).</param>
/// <param name="Software">Software description (256).</param>
/// <param name="SerialNumber">Serial number (32).</param>
/// <param name="DatapathDescription">Human readable description of the datapath (256).</param>
public sealed record DescReply(string Manufacturer, string Hardware, string Software, string SerialNumber, string DatapathDescription) : MultipartReply;
