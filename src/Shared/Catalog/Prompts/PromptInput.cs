using System.Text.Json;

namespace McpGateway.Shared.Catalog.Prompts;

/// <summary>
/// The body of POST and PUT /prompts. Arguments come as a JSON Schema (<c>argument_schema</c>, the seed)
/// or as ContextForge 1.x's <c>arguments</c> list; on update only the members present change.
/// </summary>
public sealed record PromptInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Template { get; init; }

    public JsonElement? ArgumentSchema { get; init; }

    public IReadOnlyList<PromptArgumentInput?>? Arguments { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? Enabled { get; init; }
}

/// <summary>One entry of ContextForge 1.x's <c>arguments</c> list.</summary>
public sealed record PromptArgumentInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Required { get; init; }
}
