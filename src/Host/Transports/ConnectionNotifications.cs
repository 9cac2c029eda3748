using McpGateway.Shared.Notifications;
using McpGateway.Shared.Protocol;
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
    /// <summary>
    /// Subscribes before the connection serves anything, so that every event after the client's initialize reaches it;
    /// null when the event log cannot be read (the connection then serves requests without notifications).
    /// </summary>
    public async Task<EventSubscription?> SubscribeAsync(string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return await hub.SubscribeAsync(SessionNotifications.Concerns, lastEventId: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Connection {SessionId} gets no catalog notifications: the event log cannot be read", sessionId);
            return null;
        }
    }

    /// <summary>Relays the subscription's events to <paramref name="server"/>'s client until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RelayAsync(EventSubscription? subscription, McpServer server, string sessionId, CancellationToken cancellationToken)
    {
        if (subscription is null)
        {
            return;
        }

        try
        {
            await foreach (var gatewayEvent in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Nothing is sent before the client has initialized, nor unasked to a 2026-07-28 client (that revision
                // delivers notifications through subscriptions/listen only).
                if (server.ClientInfo is not null && !ProtocolRevisions.IsStateless(server.NegotiatedProtocolVersion)
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
