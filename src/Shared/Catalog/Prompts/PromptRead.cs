using System.Text.Json;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Prompts;

namespace McpGateway.Shared.Catalog.Prompts;

/// <summary>A prompt as the API returns it (ContextForge's PromptRead), with its arguments in both forms.</summary>
public sealed record PromptRead(
    string Id,
    string Name,
    string? Description,
    string Template,
    IReadOnlyList<PromptArgument> Arguments,
    JsonElement ArgumentSchema,
    IReadOnlyList<string> Tags,
    bool Enabled,
    string? GatewayId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    MetricsSummary Metrics);

/// <summary>One revision of a prompt, as <c>GET /prompts/{id}/versions</c> lists it.</summary>
/// <param name="Current">True for the revision in effect.</param>
public sealed record PromptVersionRead(
    int Version,
    DateTimeOffset UpdatedAt,
    string Template,
    string? Description,
    IReadOnlyList<PromptArgument> Arguments,
    JsonElement ArgumentSchema,
    bool Enabled,
    bool Current);
