using System.Collections.Concurrent;
using McpGateway.Shared.Protocol;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Transports.Connections;

/// <summary>
/// The MCP connections this instance holds open (legacy SSE, WebSocket, stdio): where server-initiated
/// notifications such as <c>notifications/tools/list_changed</c> reach their clients.
/// </summary>
public sealed class LiveMcpConnections(ILogger<LiveMcpConnections> logger)
{
    private readonly ConcurrentDictionary<McpServer, CatalogScope> servers = new();

    public int Count => servers.Count;

    /// <summary>Tracks a connection's server core until the returned handle is disposed.</summary>
    public IDisposable Add(McpServer server, CatalogScope scope)
    {
        servers[server] = scope;
        return new Registration(() => servers.TryRemove(server, out _));
    }

    /// <summary>
    /// Sends a parameterless notification to every open connection whose scope <paramref name="reaches"/> allows
    /// (all of them by default); a connection that fails to take it is left to its own transport to close.
    /// </summary>
    public async Task NotifyAsync(string method, Func<CatalogScope, bool>? reaches = null, CancellationToken cancellationToken = default)
    {
        foreach (var (server, scope) in servers)
        {
            if (reaches is not null && !reaches(scope))
            {
                continue;
            }

            try
            {
                await server.SendNotificationAsync(method, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "A connection did not take {Method}", method);
            }
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
