namespace McpGateway.Shared.Storage;

/// <summary>No item with the id exists (any more): it was never stored, or another request deleted it.</summary>
public sealed class CatalogItemNotFoundException(string id) : CatalogStorageException($"No item with id '{id}' exists.")
{
    public string Id { get; } = id;
}
