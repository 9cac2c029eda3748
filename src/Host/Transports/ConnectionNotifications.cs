using McpGateway.Shared.Notifications;
using McpGateway.Shared.Transports.StreamableHttp;
using ModelContextProtocol.Server;

namespace McpGateway.Host.Transports;

/// <summary>
/// Tells a long-lived connection's client about catalog events, as a session's GET stream does
/// (<see cref="SessionNotifications"/>): list_changed when items come, go or change, and resources/updated for the
/// resources the connection subscribed to.
/// </summary>
public sealed class ConnectionNotifications(EventHub hub, SessionNotifications notifications, ILogger<ConnectionNotifications> logger)
{
    /// <summary>Relays events to <paramref name="server"/>'s client until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RelayAsync(McpServer server, string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            using var subscription = await hub.SubscribeAsync(SessionNotifications.Concerns, lastEventId: null, cancellationToken).ConfigureAwait(false);
            await foreach (var gatewayEvent in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Nothing is sent before the client has initialized.
                if (server.ClientInfo is not null
                    && await notifications.NotificationAsync(gatewayEvent, sessionId, cancellationToken).ConfigureAwait(false) is { } notification)
                {
                    await server.SendMessageAsync(notification, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection ended.
        }
        catch (Exception ex)
        {
            // The connection keeps serving requests; only its notifications stop.
            logger.LogWarning(ex, "Catalog notifications stopped for connection {SessionId}", sessionId);
        }
    }
}
