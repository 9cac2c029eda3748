using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Servers;

/// <summary>A virtual server as stored: a named bundle of items of the other kinds, kept by id.</summary>
public sealed record ServerRecord : ICatalogItem
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>An http(s) URL or a data: URI of an image.</summary>
    public string? Icon { get; init; }

    public IReadOnlyList<string> AssociatedTools { get; init; } = [];

    public IReadOnlyList<string> AssociatedResources { get; init; } = [];

    public IReadOnlyList<string> AssociatedPrompts { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public IEnumerable<UniqueKey> UniqueKeys() => [new("name", Name, $"a server named '{Name}'")];
}
