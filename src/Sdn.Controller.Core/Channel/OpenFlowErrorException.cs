using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Channel;

/// <summary>A request was answered with OFPT_ERROR (OpenFlow 1.3.5 §7.4.4); <see cref="Error"/> is the switch's message.</summary>
public sealed class OpenFlowErrorException : Exception
{
    /// <summary>Creates the exception for the switch's error.</summary>
    public OpenFlowErrorException(Error error)
        : base($"switch answered {error}")
    {
        Error = error;
    }

    /// <summary>The OFPT_ERROR the switch sent.</summary>
    public Error Error { get; }
}

/// <summary>The switch connection closed before a request was answered.</summary>
public sealed class SwitchDisconnectedException : Exception
{
    /// <summary>Creates the exception with the disconnect reason.</summary>
    public SwitchDisconnectedException(string reason)
        : base($"switch disconnected: {reason}")
    {
    }
}
