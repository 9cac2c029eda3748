using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog;

/// <summary>What every catalog item has: a name, tags, an on/off switch and timestamps.</summary>
public interface ICatalogItem : ICatalogDocument
{
    string Name { get; }

    bool Enabled { get; }

    IReadOnlyList<string> Tags { get; }

    DateTimeOffset CreatedAt { get; }
}
