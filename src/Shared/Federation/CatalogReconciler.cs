using System.Text.Json;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Makes the items a gateway federates in one catalog kind match what its upstream offers now: new ones
/// added, changed ones updated (keeping their id, switch and tags), vanished ones removed, all in one batch through
/// the kind's service (so each change is published and a removed item's metrics go with it).
/// </summary>
public static class CatalogReconciler
{
    /// <param name="owned">The items of <paramref name="service"/> that came from this gateway.</param>
    /// <param name="offered">What the upstream offers now, as records with fresh ids.</param>
    /// <param name="key">Identifies an item across syncs (its upstream name or URI).</param>
    /// <param name="keep">Carries what the catalog owns (id, timestamps, switch, tags) from the stored item onto the offered one.</param>
    /// <param name="touch">Marks an item as updated now.</param>
    /// <param name="failOnConflict">Throw on a name taken by another item (registration) instead of reporting it (periodic sync).</param>
    /// <exception cref="UniqueKeyConflictException">With <paramref name="failOnConflict"/>: an offered item's name or URI is taken.</exception>
    public static async Task<SyncReport> ReconcileAsync<T, TInput>(
        string gatewayId,
        CatalogService<T, TInput> service,
        IReadOnlyList<T> owned,
        IReadOnlyList<T> offered,
        Func<T, string> key,
        Func<T, T, T> keep,
        Func<T, T> touch,
        bool failOnConflict,
        CancellationToken cancellationToken)
        where T : class, ICatalogItem
    {
        var stored = owned.ToDictionary(key, StringComparer.Ordinal);
        var offeredKeys = offered.Select(key).ToHashSet(StringComparer.Ordinal);

        // Removals first, so a name a vanished item held is free for a new one.
        var changes = owned.Where(item => !offeredKeys.Contains(key(item))).Select(CatalogChange<T> (gone) => new CatalogChange<T>.Delete(gone.Id)).ToList();
        foreach (var item in offered)
        {
            if (!stored.TryGetValue(key(item), out var existing))
            {
                changes.Add(new CatalogChange<T>.Insert(item));
            }
            else if (Json(keep(existing, item)) != Json(existing))
            {
                changes.Add(new CatalogChange<T>.Update(existing.Id, current => touch(keep(current, item))));
            }
        }

        var results = await service.ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        var conflicts = results.Select(result => result.Conflict).OfType<UniqueKeyConflictException>().ToList();
        if (failOnConflict && conflicts.Count > 0)
        {
            throw conflicts[0];
        }

        int Applied<TChange>() => results.Count(result => result.Applied && result.Change is TChange);
        return new SyncReport(
            gatewayId,
            Applied<CatalogChange<T>.Insert>(),
            Applied<CatalogChange<T>.Update>(),
            [.. results.Where(result => result.Applied).Select(result => result.Change).OfType<CatalogChange<T>.Delete>().Select(delete => delete.ItemId)],
            [.. conflicts.Select(conflict => conflict.Message)]);
    }

    private static string Json<T>(T item) => JsonSerializer.Serialize(item, GatewayJson.Options);
}
