using Sdn.Grpc;

namespace Sdn.Controller.Cli;

/// <summary>Process exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The controller answered with an error not listed below.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line or unreadable input file.</summary>
    public const int Usage = 2;

    /// <summary>The controller is unreachable or unavailable (UNAVAILABLE, DEADLINE_EXCEEDED, connection refused).</summary>
    public const int Unavailable = 3;

    /// <summary>NOT_FOUND (unknown switch, host, policy).</summary>
    public const int NotFound = 4;

    /// <summary>INVALID_ARGUMENT (the controller refused the input; nothing was applied).</summary>
    public const int InvalidArgument = 5;

    /// <summary>The exit code for a gRPC status.</summary>
    public static int For(StatusCode code) => code switch
    {
        StatusCode.OK => Ok,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unavailable,
        StatusCode.NotFound => NotFound,
        StatusCode.InvalidArgument => InvalidArgument,
        _ => Failed,
    };
}
