namespace McpGateway.Shared.Storage.Snapshot;

/// <summary>
/// Told of every change a <see cref="CatalogTable{T}"/> commits, right after storage accepted it and before the
/// writer returns: whoever writes (a catalog service, federation, an import), the instance that wrote sees it at once.
/// </summary>
public interface ICatalogTableObserver<T>
    where T : class, ICatalogDocument
{
    /// <summary>An item was inserted or updated; <paramref name="entry"/> is what storage now holds.</summary>
    void Committed(CatalogEntry<T> entry);

    void Deleted(string id);
}
