using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;

namespace Sdn.Controller.Channel;

/// <summary>
/// Kestrel entry point for OpenFlow TCP connections (bound with <c>UseConnectionHandler&lt;OpenFlowConnectionHandler&gt;()</c>
/// on each <c>Controller:Endpoints</c> listener). Runs one <see cref="SwitchConnection"/> per accepted socket until
/// it closes or the host stops.
/// </summary>
public sealed class OpenFlowConnectionHandler(SwitchConnectionFactory factory, IHostApplicationLifetime lifetime) : ConnectionHandler
{
    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var session = factory.Create(
            connection.ConnectionId,
            connection.RemoteEndPoint as IPEndPoint,
            connection.Transport.Input,
            connection.Transport.Output,
            reason => connection.Abort(new ConnectionAbortedException(reason)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, lifetime.ApplicationStopping);
        await session.RunAsync(stop.Token).ConfigureAwait(false);
    }
}
