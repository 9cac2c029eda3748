namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// A reset of one item's metrics (<see cref="Kind"/> and <see cref="ItemId"/>), of a kind's (ItemId null) or of
/// everything (both null) at <see cref="At"/>. Stored, so every instance drops what it counted before it.
/// </summary>
public sealed record MetricsReset(string? Kind, string? ItemId, DateTimeOffset At)
{
    public bool Covers(string kind, string itemId) => (Kind is null || Kind == kind) && (ItemId is null || ItemId == itemId);
}
