namespace McpGateway.Shared.Storage;

/// <summary>
/// Storage could not be reached, or answered that it cannot serve now: a retry later may succeed. The edges answer
/// it as 503 with Retry-After (REST) or the storage-unavailable JSON-RPC error (MCP).
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
