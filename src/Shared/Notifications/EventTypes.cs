namespace McpGateway.Shared.Notifications;

/// <summary>The values of <see cref="GatewayEvent.Type"/> (the event contract shared with the admin UI and the transports).</summary>
public static class EventTypes
{
    public const string Added = "added";
    public const string Updated = "updated";
    public const string Removed = "removed";
    public const string Toggled = "toggled";

    /// <summary>A resource's content changed (MCP <c>notifications/resources/updated</c> for subscribers).</summary>
    public const string ResourceUpdated = "resource_updated";

    /// <summary>A peer gateway became reachable or unreachable.</summary>
    public const string GatewayHealth = "gateway_health";

    /// <summary>A kind's list changed as a whole (a federation sync added, changed or removed items).</summary>
    public const string ListChanged = "list_changed";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Added, Updated, Removed, Toggled, ResourceUpdated, GatewayHealth, ListChanged,
    };
}
