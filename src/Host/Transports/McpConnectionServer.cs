using McpGateway.Shared.Protocol;
using McpGateway.Shared.Transports.StreamableHttp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Host.Transports;

/// <summary>
/// Runs the SDK's server core over one long-lived connection (legacy SSE, WebSocket, stdio) for as long as it
/// stays open: the same handlers and capabilities as Streamable HTTP, but one server core per connection instead of
/// one per request, since the connection itself holds the session; catalog events reach its client as notifications.
/// </summary>
public sealed class McpConnectionServer(
    McpServerFactory factory,
    McpSessionStore sessions,
    ConnectionNotifications notifications,
    IServiceProvider services,
    ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<McpConnectionServer>();

    /// <summary>Serves <paramref name="transport"/> until the client closes it or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(ITransport transport, AdmittedConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        var options = factory.CreateOptions(connection.Scope, sessionId, session: null);

        // Nothing to store: the connection is the session, and its server core keeps the level the client sets
        // (McpServer.LoggingLevel) for the handlers to read.
#pragma warning disable MCP9005 // logging/setLevel is deprecated in 2026-07-28, still part of the revisions these transports serve.
        options.Handlers.SetLoggingLevelHandler = null;
#pragma warning restore MCP9005
        var initialized = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        options.Handlers.NotificationHandlers =
        [
            new(NotificationMethods.InitializedNotification, (_, _) =>
            {
                initialized.TrySetResult();
                return ValueTask.CompletedTask;
            }),
        ];
        using var subscription = await notifications.SubscribeAsync(sessionId, connection.LastEventId, cancellationToken).ConfigureAwait(false);
        await using var server = McpServer.Create(transport, options, loggers, services);
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var relaying = notifications.RelayAsync(subscription, server, initialized.Task, sessionId, connected.Token);
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the host is stopping: the normal end of a connection.
        }
        finally
        {
            await connected.CancelAsync().ConfigureAwait(false);
            await relaying.ConfigureAwait(false);
            await ForgetSubscriptionsAsync(sessionId).ConfigureAwait(false);
        }
    }

    /// <summary>The connection was the session: its resource subscriptions end with it.</summary>
    private async Task ForgetSubscriptionsAsync(string sessionId)
    {
        try
        {
            await sessions.DeleteAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not remove the resource subscriptions of closed connection {SessionId}", sessionId);
        }
    }
}
