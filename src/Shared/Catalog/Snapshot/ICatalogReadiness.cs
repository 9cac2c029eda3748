namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>Whether this instance's catalog snapshot may answer: loaded, and following storage.</summary>
public interface ICatalogReadiness
{
    /// <summary>Completes at once when the snapshot is current; waits for the first load otherwise.</summary>
    /// <exception cref="Storage.StorageUnavailableException">Storage cannot be reached to load or follow the catalog.</exception>
    ValueTask WaitAsync(CancellationToken cancellationToken);
}
