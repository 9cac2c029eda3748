using System.Text.Json;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// The one envelope every event travels in, on every stream (SSE, MCP GET streams, SignalR): what happened
/// (<see cref="Type"/>, one of <see cref="EventTypes"/>) to which item (<see cref="Entity"/>, <see cref="Id"/>),
/// when, and a small summary of the item (<see cref="Data"/>: name, enabled, uri, reachable...).
/// </summary>
/// <param name="EventId">Sortable and unique (see <see cref="EventIds"/>): resumable streams send it as the SSE <c>id:</c>.</param>
/// <param name="Data">An immutable JSON object, so one envelope can be written to many streams at once.</param>
public sealed record GatewayEvent(string EventId, string Type, string Entity, string Id, DateTimeOffset Time, JsonElement Data)
{
    /// <summary>A text member of <see cref="Data"/> (such as a resource's "uri"), or null when it has none.</summary>
    public string? DataText(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
