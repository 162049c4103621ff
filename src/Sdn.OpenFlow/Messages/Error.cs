namespace Sdn.OpenFlow.Messages;

/// <summary>
/// OFPT_ERROR (OpenFlow 1.3.5 §7.4.4 <c>ofp_error_msg</c>): type, code and data (usually at least the first
/// 64 bytes of the request that failed; for HELLO_FAILED an ASCII explanation).
/// For <see cref="ErrorType.Experimenter"/> (§7.4.4 <c>ofp_error_experimenter_msg</c>) the code is the
/// <c>exp_type</c> and <see cref="Experimenter"/> is set.
/// </summary>
/// <param name="Type">Error type.</param>
/// <param name="Code">Error code; its enum depends on <paramref name="Type"/> (see <see cref="CodeName"/>).</param>
/// <param name="Data">Data kept byte for byte.</param>
public sealed record Error(ErrorType Type, ushort Code, ValueArray<byte> Data) : OfpMessage
{
    /// <summary>Experimenter id, for <see cref="ErrorType.Experimenter"/> only.</summary>
    public uint? Experimenter { get; init; }

    /// <summary>The code's spec name, e.g. <c>BAD_LEN</c>, or its number when unknown.</summary>
    public string CodeName => ErrorNames.Code(Type, Code);

    /// <summary>The data as ASCII text (for HELLO_FAILED explanations).</summary>
    public string DataAsText => System.Text.Encoding.ASCII.GetString(Data.AsSpan()).TrimEnd('\0');

    /// <summary><c>HELLO_FAILED/INCOMPATIBLE: text</c> style summary.</summary>
    public override string ToString() => $"{ErrorNames.Type(Type)}/{CodeName} ({Data.Count} data bytes)";
}
