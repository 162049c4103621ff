using System.Net.Sockets;
using System.Reflection;

namespace Sdn.Controller.Host.Transport;

/// <summary>
/// The runtime's socket engine switch <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>: with it, socket
/// completions run on the epoll thread instead of hopping to the thread pool (with Kestrel's
/// <c>UnsafePreferInlineScheduling</c>, the connection loop runs there too). The engine reads the variable once, when
/// the process first touches an asynchronous socket, so the controller sets it before it creates any socket.
/// </summary>
public static class SocketEngine
{
    /// <summary>The environment variable the engine reads.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets <see cref="InlineCompletionsVariable"/> to 1 for this process unless it is set already (an explicit 0 wins).</summary>
    public static void RequestInlineCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
    }

    /// <summary>
    /// Whether the engine runs with inline completions (this starts the engine if it has not started, fixing the
    /// setting for the process); null when this runtime does not expose it (Windows, or a renamed internal field).
    /// </summary>
    public static bool? InlineCompletionsActive
    {
        get
        {
            var engine = typeof(Socket).Assembly.GetType("System.Net.Sockets.SocketAsyncEngine");
            var flag = engine?.GetField("InlineSocketCompletionsEnabled", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public);
            return flag?.GetValue(null) as bool?;
        }
    }
}
