namespace McpGateway.Shared.Storage;

/// <summary>An id (brought by an imported document) that no row key can hold.</summary>
public sealed class InvalidItemIdException(int maxLength)
    : CatalogStorageException($"'id' must be 1 to {maxLength} characters, none of them '/', '\\', '#', '?' or a control character.");
