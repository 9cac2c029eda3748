using System.Text.Json;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Observability;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>A tool as the API returns it (ContextForge's ToolRead): secrets masked, metrics attached.</summary>
public sealed record ToolRead(
    string Id,
    string Name,
    string? Url,
    string? Description,
    string IntegrationType,
    string RequestType,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement InputSchema,
    JsonElement? OutputSchema,
    JsonElement? Annotations,
    AuthRead? Auth,
    string? JsonpathFilter,
    IReadOnlyList<string> Tags,
    bool Enabled,
    bool Reachable,
    string? GatewayId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    MetricsSummary Metrics);
