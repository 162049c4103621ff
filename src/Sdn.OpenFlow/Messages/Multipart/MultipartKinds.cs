namespace Sdn.OpenFlow.Messages.Multipart;

/// <summary>
/// The multipart/stats type of each request and reply record (OpenFlow 1.3.5 §7.3.5 <c>ofp_multipart_type</c>;
/// OpenFlow 1.0 §5.3.5 <c>ofp_stats_types</c> uses the same numbers for DESC, FLOW, AGGREGATE, TABLE and PORT).
/// Whether a version can carry the type is the codec's decision.
/// </summary>
public static class MultipartKinds
{
    /// <summary>The type of a request record.</summary>
    /// <exception cref="OpenFlowEncodeException">A record type this library does not model.</exception>
    public static MultipartType Of(MultipartRequest request) => request switch
    {
        DescRequest => MultipartType.Desc,
        PortDescRequest => MultipartType.PortDesc,
        TableStatsRequest => MultipartType.Table,
        FlowStatsRequest => MultipartType.Flow,
        AggregateStatsRequest => MultipartType.Aggregate,
        PortStatsRequest => MultipartType.PortStats,
        UnknownMultipartRequest u => (MultipartType)u.MultipartType,
        _ => throw new OpenFlowEncodeException($"{request.GetType().Name} is not a multipart request this library encodes."),
    };

    /// <summary>The type of a reply record.</summary>
    /// <exception cref="OpenFlowEncodeException">A record type this library does not model.</exception>
    public static MultipartType Of(MultipartReply reply) => reply switch
    {
        DescReply => MultipartType.Desc,
        PortDescReply => MultipartType.PortDesc,
        TableStatsReply => MultipartType.Table,
        FlowStatsReply => MultipartType.Flow,
        AggregateStatsReply => MultipartType.Aggregate,
        PortStatsReply => MultipartType.PortStats,
        UnknownMultipartReply u => (MultipartType)u.MultipartType,
        _ => throw new OpenFlowEncodeException($"{reply.GetType().Name} is not a multipart reply this library encodes."),
    };
}
