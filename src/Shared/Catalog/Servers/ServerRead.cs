using McpGateway.Shared.Observability;

namespace McpGateway.Shared.Catalog.Servers;

/// <summary>A virtual server as the API returns it (ContextForge's ServerRead), with its metrics.</summary>
public sealed record ServerRead(
    string Id,
    string Name,
    string? Description,
    string? Icon,
    IReadOnlyList<string> AssociatedTools,
    IReadOnlyList<string> AssociatedResources,
    IReadOnlyList<string> AssociatedPrompts,
    IReadOnlyList<string> Tags,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    MetricsSummary Metrics);
