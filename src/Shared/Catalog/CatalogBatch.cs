using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog;

/// <summary>
/// Many changes of one catalog kind written together (<see cref="CatalogTable{T}.ApplyAsync"/>) and followed by what the
/// single operations of <see cref="CatalogService{TRecord, TInput}"/> do after each write: an added, updated or removed
/// event per item changed, and a removed item's metrics reset.
/// </summary>
internal static class CatalogBatch
{
    /// <param name="publish">Publishes an event of a type about an item, as the service does for its single writes.</param>
    public static async Task<IReadOnlyList<CatalogChangeResult<T>>> ApplyAsync<T>(
        CatalogTable<T> table,
        IReadOnlyList<CatalogChange<T>> changes,
        CatalogKind kind,
        MetricsStore metrics,
        Func<string, T, Task> publish,
        CancellationToken cancellationToken)
        where T : class, ICatalogItem
    {
        var results = await table.ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            if (result.Document is not { } document)
            {
                continue;
            }

            if (result.Change is CatalogChange<T>.Delete)
            {
                await metrics.ResetAsync(kind.Singular, document.Id, cancellationToken).ConfigureAwait(false);
            }

            await publish(EventType(result.Change), document).ConfigureAwait(false);
        }

        return results;
    }

    private static string EventType<T>(CatalogChange<T> change)
        where T : class, ICatalogItem => change switch
    {
        CatalogChange<T>.Insert => EventTypes.Added,
        CatalogChange<T>.Update => EventTypes.Updated,
        _ => EventTypes.Removed,
    };
}
