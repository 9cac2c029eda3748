using System.Text.Json;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Notifications;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// What a session's GET stream tells its client about catalog events: <c>notifications/{tools,resources,prompts}/list_changed</c>
/// when items of that kind come, go or change, and <c>notifications/resources/updated</c> when the content of a
/// resource the session subscribed to changes. Each goes out with the event's id, so a client resuming with
/// Last-Event-ID (SEP-1699) gets what it missed from the event log.
/// </summary>
public sealed class SessionNotifications(McpSessionStore sessions)
{
    private static readonly IReadOnlyDictionary<string, string> ListChangedByEntity = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CatalogKind.Tools.Singular] = NotificationMethods.ToolListChangedNotification,
        [CatalogKind.Resources.Singular] = NotificationMethods.ResourceListChangedNotification,
        [CatalogKind.Prompts.Singular] = NotificationMethods.PromptListChangedNotification,
    };

    private static readonly IReadOnlySet<string> ListChanges = new HashSet<string>(StringComparer.Ordinal)
    {
        EventTypes.Added, EventTypes.Updated, EventTypes.Removed, EventTypes.Toggled, EventTypes.ListChanged,
    };

    /// <summary>The events a session's stream may have something to say about.</summary>
    public static bool Concerns(GatewayEvent gatewayEvent) =>
        ListChangedByEntity.ContainsKey(gatewayEvent.Entity)
        && (ListChanges.Contains(gatewayEvent.Type) || gatewayEvent.Type == EventTypes.ResourceUpdated);

    public EventRenderer For(McpSession session) => async (gatewayEvent, cancellationToken) =>
    {
        if (gatewayEvent.Type != EventTypes.ResourceUpdated)
        {
            return ListChanges.Contains(gatewayEvent.Type) && ListChangedByEntity.TryGetValue(gatewayEvent.Entity, out var method)
                ? Frame(new JsonRpcNotification { Method = method })
                : null;
        }

        var uri = gatewayEvent.DataText("uri");
        if (uri is null || !(await sessions.SubscriptionsAsync(session.Id, cancellationToken).ConfigureAwait(false)).Contains(uri, StringComparer.Ordinal))
        {
            return null;
        }

        return Frame(new JsonRpcNotification
        {
            Method = NotificationMethods.ResourceUpdatedNotification,
            Params = JsonSerializer.SerializeToNode(new ResourceUpdatedNotificationParams { Uri = uri }, McpJsonUtilities.DefaultOptions),
        });
    };

    /// <summary>MCP streams carry JSON-RPC messages as unnamed ("message") events.</summary>
    private static SseFrame Frame(JsonRpcNotification notification) =>
        new(EventName: null, JsonSerializer.Serialize<JsonRpcMessage>(notification, McpJsonUtilities.DefaultOptions));
}
