using System.Text.Json.Nodes;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Transports.StreamableHttp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Host.Transports;

/// <summary>
/// Tells a long-lived connection's client about catalog events, as a session's GET stream does
/// (<see cref="SessionNotifications"/>): list_changed when items come, go or change, and resources/updated for the
/// resources the connection subscribed to. Each carries its event id in <c>_meta</c> (<see cref="EventIdMeta"/>), which a
/// client that reconnects sends back as Last-Event-ID to hear what it missed.
/// </summary>
public sealed class ConnectionNotifications(EventHub hub, SessionNotifications notifications, ILogger<ConnectionNotifications> logger)
{
    public const string EventIdMeta = "io.mcpgateway/eventId";

    /// <summary>
    /// Subscribes before the connection serves anything, so that every event after the client's initialize (or, for a
    /// client that reconnects, after <paramref name="lastEventId"/>) reaches it; null when the event log cannot be read
    /// (the connection then serves requests without notifications).
    /// </summary>
    public async Task<EventSubscription?> SubscribeAsync(string sessionId, string? lastEventId, CancellationToken cancellationToken)
    {
        try
        {
            return await hub.SubscribeAsync(SessionNotifications.Concerns, lastEventId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Connection {SessionId} gets no catalog notifications: the event log cannot be read", sessionId);
            return null;
        }
    }

    /// <summary>Relays the subscription's events to <paramref name="server"/>'s client until <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="initialized">Completes when the client has sent notifications/initialized.</param>
    public async Task RelayAsync(EventSubscription? subscription, McpServer server, Task initialized, string sessionId, CancellationToken cancellationToken)
    {
        if (subscription is null)
        {
            return;
        }

        try
        {
            // Nothing goes out before the client has initialized: events wait in the subscription until then (a client
            // that reconnects hears what it missed right after its initialize). A 2026-07-28 client never initializes,
            // so it hears nothing unasked: that revision delivers notifications through subscriptions/listen.
            await initialized.WaitAsync(cancellationToken).ConfigureAwait(false);

            await foreach (var gatewayEvent in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await notifications.NotificationAsync(gatewayEvent, sessionId, cancellationToken).ConfigureAwait(false) is { } notification)
                {
                    await server.SendMessageAsync(WithEventId(notification, gatewayEvent.EventId), cancellationToken).ConfigureAwait(false);
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

    private static JsonRpcNotification WithEventId(JsonRpcNotification notification, string eventId)
    {
        var parameters = notification.Params as JsonObject ?? [];
        if (parameters["_meta"] is not JsonObject meta)
        {
            meta = [];
            parameters["_meta"] = meta;
        }

        meta[EventIdMeta] = eventId;
        return new JsonRpcNotification { Method = notification.Method, Params = parameters };
    }
}
