namespace Sdn.Grpc;

/// <summary>
/// The outcome of a call: the <c>grpc-status</c> code and the <c>grpc-message</c> text (PROTOCOL-HTTP2.md
/// "Responses": Status and Status-Message; the text is sent percent-encoded, see <see cref="StatusMessageEncoding"/>).
/// </summary>
/// <param name="Code">The status code.</param>
/// <param name="Detail">Human-readable detail; empty when there is none.</param>
public readonly record struct Status(StatusCode Code, string Detail)
{
    /// <summary>The OK status with no detail.</summary>
    public static Status Ok => new(StatusCode.OK, "");

    /// <inheritdoc />
    public override string ToString() => Detail.Length == 0 ? Code.ToString() : $"{Code}: {Detail}";
}
