using System.Text.Json;
using McpGateway.Shared.Catalog.Credentials;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>The body of POST and PUT /tools. On update only the members present change.</summary>
public sealed record ToolInput
{
    public string? Name { get; init; }

    public string? Url { get; init; }

    public string? Description { get; init; }

    public string? IntegrationType { get; init; }

    public string? RequestType { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    public JsonElement? InputSchema { get; init; }

    public JsonElement? OutputSchema { get; init; }

    public JsonElement? Annotations { get; init; }

    public AuthInput? Auth { get; init; }

    public string? JsonpathFilter { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? Enabled { get; init; }
}
