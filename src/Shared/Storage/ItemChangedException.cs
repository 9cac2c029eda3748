namespace McpGateway.Shared.Storage;

/// <summary>A write conditional on the ETag the caller read (If-Match) met a newer revision of the item.</summary>
public sealed class ItemChangedException(string message) : CatalogStorageException(message);
