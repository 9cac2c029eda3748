using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>Reads a kind's table into its <see cref="KindSnapshot{T}"/>.</summary>
public sealed class SnapshotSource<T> : ISnapshotSource
    where T : class, ICatalogDocument
{
    private readonly CatalogTable<T> table;
    private readonly KindSnapshot<T> snapshot;

    public SnapshotSource(string entity, CatalogTable<T> table, KindSnapshot<T> snapshot)
    {
        Entity = entity;
        this.table = table;
        this.snapshot = snapshot;
    }

    public string Entity { get; }

    public async Task RefreshAsync(string id, CancellationToken cancellationToken)
    {
        var started = snapshot.BeginRead();
        snapshot.Refresh(id, await table.FindAsync(id, cancellationToken).ConfigureAwait(false), started);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var started = snapshot.BeginRead();
        snapshot.ReplaceAll(await table.ListAsync(cancellationToken).ConfigureAwait(false), started);
    }
}
