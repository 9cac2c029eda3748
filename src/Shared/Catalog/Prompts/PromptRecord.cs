using System.Text.Json;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Prompts;

/// <summary>A prompt as stored; earlier revisions are kept as history rows.</summary>
public sealed record PromptRecord : ICatalogItem
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Liquid/Jinja-style template text, at most MAX_PROMPT_SIZE bytes.</summary>
    public required string Template { get; init; }

    /// <summary>The canonical form of the arguments: a JSON Schema object.</summary>
    public required JsonElement ArgumentSchema { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>For a federated prompt, the peer gateway that renders it.</summary>
    public string? GatewayId { get; init; }

    /// <summary>For a federated prompt, its name on the upstream.</summary>
    public string? OriginalName { get; init; }

    public bool Enabled { get; init; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public IEnumerable<UniqueKey> UniqueKeys() => [new("name", Name, $"a prompt named '{Name}'")];
}
