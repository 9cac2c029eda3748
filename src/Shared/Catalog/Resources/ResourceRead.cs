using McpGateway.Shared.Observability;

namespace McpGateway.Shared.Catalog.Resources;

/// <summary>A resource's metadata as the API returns it (ContextForge's ResourceRead), without its content.</summary>
public sealed record ResourceRead(
    string Id,
    string Uri,
    string Name,
    string? Description,
    string? MimeType,
    string? UriTemplate,
    long? Size,
    IReadOnlyList<string> Tags,
    bool Enabled,
    string? GatewayId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    MetricsSummary Metrics);
