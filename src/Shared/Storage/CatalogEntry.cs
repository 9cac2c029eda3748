using Azure;

namespace McpGateway.Shared.Storage;

/// <summary>A stored catalog item with its concurrency tag and revision (1 on insert, +1 per update).</summary>
public sealed record CatalogEntry<T>(T Document, ETag ETag, int Revision, DateTimeOffset? Timestamp)
    where T : class, ICatalogDocument
{
    /// <summary>Reference to the item's attached content (inline or in Blob storage), if any.</summary>
    internal StoredPayload? Content { get; init; }
}
