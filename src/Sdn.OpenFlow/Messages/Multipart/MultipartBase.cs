namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>
/// OFPT_MULTIPART_REQUEST (OpenFlow 1.3.5 §7.3.5 <c>ofp_multipart_request</c>): a statistics or description
/// request. OpenFlow 1.0 calls it STATS_REQUEST (§5.3.5); the 1.0 codec maps the types both have.
/// </summary>
public abstract record MultipartRequest : OfpMessage
{
    /// <summary>Request flags (<see cref="MultipartFlags.More"/> when more parts follow).</summary>
    public MultipartFlags Flags { get; init; }
}

/// <summary>
/// OFPT_MULTIPART_REPLY (OpenFlow 1.3.5 §7.3.5 <c>ofp_multipart_reply</c>). A reply may come in several
/// messages, all but the last flagged <see cref="MultipartFlags.More"/>; the channel reassembles them.
/// </summary>
public abstract record MultipartReply : OfpMessage
{
    /// <summary>Reply flags (<see cref="MultipartFlags.More"/> when more parts follow).</summary>
    public MultipartFlags Flags { get; init; }
}

/// <summary>Multipart flags (OpenFlow 1.3.5 §7.3.5 <c>ofp_multipart_request_flags</c>/<c>ofp_multipart_reply_flags</c>).</summary>
[Flags]
public enum MultipartFlags : ushort
{
    /// <summary>None: this is the last part.</summary>
    None = 0,
    /// <summary>More parts follow.</summary>
    More = 1,
}

/// <summary>Multipart types (OpenFlow 1.3.5 §7.3.5 <c>ofp_multipart_type</c>).</summary>
public enum MultipartType : ushort
{
    /// <summary>Switch description.</summary>
    Desc = 0,
    /// <summary>Individual flow statistics.</summary>
    Flow = 1,
    /// <summary>Aggregate flow statistics.</summary>
    Aggregate = 2,
    /// <summary>Flow table statistics.</summary>
    Table = 3,
    /// <summary>Port statistics.</summary>
    PortStats = 4,
    /// <summary>Queue statistics.</summary>
    Queue = 5,
    /// <summary>Group counter statistics.</summary>
    Group = 6,
    /// <summary>Group descriptions.</summary>
    GroupDesc = 7,
    /// <summary>Group features.</summary>
    GroupFeatures = 8,
    /// <summary>Meter statistics.</summary>
    Meter = 9,
    /// <summary>Meter configuration.</summary>
    MeterConfig = 10,
    /// <summary>Meter features.</summary>
    MeterFeatures = 11,
    /// <summary>Table features.</summary>
    TableFeatures = 12,
    /// <summary>Port descriptions.</summary>
    PortDesc = 13,
    /// <summary>Experimenter extension.</summary>
    Experimenter = 0xffff,
}

/// <summary>A multipart request of a type this library does not decode, kept whole.</summary>
/// <param name="MultipartType">The multipart type.</param>
/// <param name="Body">Bytes after the 16-byte multipart header.</param>
public sealed record UnknownMultipartRequest(ushort MultipartType, ValueArray<byte> Body) : MultipartRequest;

/// <summary>A multipart reply of a type this library does not decode, kept whole.</summary>
/// <param name="MultipartType">The multipart type.</param>
/// <param name="Body">Bytes after the 16-byte multipart header.</param>
public sealed record UnknownMultipartReply(ushort MultipartType, ValueArray<byte> Body) : MultipartReply;
