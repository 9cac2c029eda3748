using System.Text.Json;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Makes the items a gateway federates in one catalog table match what its upstream offers now: new ones
/// added, changed ones updated (keeping their id, switch and tags), vanished ones removed.
/// </summary>
public static class CatalogReconciler
{
    /// <param name="owned">The items of <paramref name="table"/> that came from this gateway.</param>
    /// <param name="offered">What the upstream offers now, as records with fresh ids.</param>
    /// <param name="key">Identifies an item across syncs (its upstream name or URI).</param>
    /// <param name="keep">Carries what the catalog owns (id, timestamps, switch, tags) from the stored item onto the offered one.</param>
    /// <param name="touch">Marks an item as updated now.</param>
    /// <param name="failOnConflict">Throw a 409 on a name taken by another item (registration) instead of reporting it (periodic sync).</param>
    public static async Task<SyncReport> ReconcileAsync<T>(
        string gatewayId,
        CatalogTable<T> table,
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
        int added = 0, updated = 0, removed = 0;
        var conflicts = new List<string>();

        foreach (var item in offered)
        {
            try
            {
                if (!stored.TryGetValue(key(item), out var existing))
                {
                    await table.InsertAsync(item, null, cancellationToken).ConfigureAwait(false);
                    added++;
                }
                else if (Json(keep(existing, item)) != Json(existing))
                {
                    await table.UpdateAsync(existing.Id, current => touch(keep(current.Document, item)), cancellationToken).ConfigureAwait(false);
                    updated++;
                }
            }
            catch (ApiProblem problem) when (problem.Status == 409 && !failOnConflict)
            {
                conflicts.Add(problem.Message);
            }
        }

        foreach (var gone in owned.Where(item => !offeredKeys.Contains(key(item))))
        {
            await table.DeleteAsync(gone.Id, cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return new SyncReport(gatewayId, added, updated, removed, conflicts);
    }

    private static string Json<T>(T item) => JsonSerializer.Serialize(item, GatewayJson.Options);
}
