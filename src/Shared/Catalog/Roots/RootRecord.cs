using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Roots;

/// <summary>A root as stored; clients know it by its URI, the id only keys the row.</summary>
public sealed record RootRecord : ICatalogDocument
{
    public required string Id { get; init; }

    /// <summary>A file path or file:// URI, kept as it was added.</summary>
    public required string Uri { get; init; }

    public string? Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IEnumerable<UniqueKey> UniqueKeys() => [new("uri", Uri, $"a root with URI '{Uri}'")];
}
