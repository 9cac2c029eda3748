namespace McpGateway.Shared.Storage;

/// <summary>An item kept changing under a write, which gave up after its bounded number of attempts; a retry may succeed.</summary>
public sealed class WriteContentionException(string id)
    : CatalogStorageException($"The item '{id}' is being changed by too many requests at once; retry.");
