namespace McpGateway.Shared.Storage;

/// <summary>
/// A catalog table refused an operation for a reason the caller can act on (the item is gone, a unique key is taken,
/// the item changed since it was read). The HTTP edge turns each kind into its problem response
/// (<see cref="Http.ApiProblem.For(CatalogStorageException)"/>).
/// </summary>
public abstract class CatalogStorageException(string message) : Exception(message);
