using Azure;
using Azure.Data.Tables;

namespace McpGateway.Shared.Storage;

public sealed partial class CatalogTable<T>
{
    /// <summary>
    /// Applies many changes in as few entity-group transactions as they fit in (at most 100 rows each, the rows of one
    /// item always in the same one), instead of one round trip per item. A transaction that failed because another
    /// request changed or deleted one of its items, or holds one of their unique keys, wrote nothing; its changes are
    /// then made one at a time, each with the retries and the conflict of the single-item operations.
    /// </summary>
    /// <returns>What became of each change, in the order of <paramref name="changes"/>.</returns>
    public async Task<IReadOnlyList<CatalogChangeResult<T>>> ApplyAsync(IReadOnlyList<CatalogChange<T>> changes, CancellationToken cancellationToken)
    {
        await ensureCreated(cancellationToken).ConfigureAwait(false);
        var results = new CatalogChangeResult<T>[changes.Count];
        var transaction = new List<(int Index, ItemWrite Write)>();
        var rowsInTransaction = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < changes.Count; index++)
        {
            if (await PrepareAsync(changes[index], cancellationToken).ConfigureAwait(false) is not { } write)
            {
                results[index] = Gone(changes[index]);
                continue;
            }

            if (write.Actions.Count > MaxTransactionSize)
            {
                // An item with a long history: the single delete spreads its rows over several transactions.
                await payloads.DeleteBlobsAsync(write.NewBlobs).ConfigureAwait(false);
                results[index] = await ApplyOneAsync(changes[index], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var rows = write.Actions.Select(action => action.Entity.RowKey).ToList();
            if (rowsInTransaction.Count + rows.Count > MaxTransactionSize || rows.Any(rowsInTransaction.Contains))
            {
                // A transaction may touch a row once: a key one item frees and another takes waits for the next one.
                await CommitAsync(transaction, changes, results, cancellationToken).ConfigureAwait(false);
                transaction.Clear();
                rowsInTransaction.Clear();
            }

            transaction.Add((index, write));
            rowsInTransaction.UnionWith(rows);
        }

        await CommitAsync(transaction, changes, results, cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>The rows a change writes, read fresh for an update or delete; null when the item it is about is gone.</summary>
    private async Task<ItemWrite?> PrepareAsync(CatalogChange<T> change, CancellationToken cancellationToken)
    {
        if (change is CatalogChange<T>.Insert insert)
        {
            return await InsertionAsync(insert.Document, null, cancellationToken).ConfigureAwait(false);
        }

        if (!IsStorableId(change.Id) || await FindRowAsync(ItemPrefix + change.Id, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return null;
        }

        return change is CatalogChange<T>.Update update
            ? await RewriteAsync(row, entry => update.Change(entry.Document), null, cancellationToken).ConfigureAwait(false)
            : await RemovalAsync(row, cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitAsync(
        List<(int Index, ItemWrite Write)> transaction, IReadOnlyList<CatalogChange<T>> changes, CatalogChangeResult<T>[] results, CancellationToken cancellationToken)
    {
        if (transaction.Count == 0)
        {
            return;
        }

        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await table.SubmitTransactionAsync(transaction.SelectMany(item => item.Write.Actions), cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 || LostRace(ex))
        {
            await payloads.DeleteBlobsAsync(transaction.SelectMany(item => item.Write.NewBlobs)).ConfigureAwait(false);
            foreach (var (index, _) in transaction)
            {
                results[index] = await ApplyOneAsync(changes[index], cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var firstAction = 0;
        foreach (var (index, write) in transaction)
        {
            results[index] = new CatalogChangeResult<T>(changes[index], write.Document, null);
            if (changes[index] is CatalogChange<T>.Delete)
            {
                observer?.Deleted(write.Document.Id);
            }
            else
            {
                Committed(Entry(write.Document, write.Row, response.Value[firstAction].Headers.ETag ?? default));
            }

            firstAction += write.Actions.Count;
        }

        await payloads.DeleteBlobsAsync(transaction.SelectMany(item => item.Write.FreedBlobs)).ConfigureAwait(false);
    }

    /// <summary>One change on its own, after its transaction failed: a unique-key conflict is its result, a vanished item is gone.</summary>
    private async Task<CatalogChangeResult<T>> ApplyOneAsync(CatalogChange<T> change, CancellationToken cancellationToken)
    {
        try
        {
            return change switch
            {
                CatalogChange<T>.Insert insert => new(change, (await InsertAsync(insert.Document, null, cancellationToken).ConfigureAwait(false)).Document, null),
                CatalogChange<T>.Update update => new(
                    change, (await UpdateAsync(update.Id, entry => update.Change(entry.Document), cancellationToken).ConfigureAwait(false)).Document, null),
                _ => await DeleteOneAsync(change, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (UniqueKeyConflictException conflict)
        {
            return new CatalogChangeResult<T>(change, null, conflict);
        }
        catch (CatalogItemNotFoundException)
        {
            return Gone(change);
        }
    }

    private async Task<CatalogChangeResult<T>> DeleteOneAsync(CatalogChange<T> change, CancellationToken cancellationToken)
    {
        var deleted = await FindAsync(change.Id, cancellationToken).ConfigureAwait(false) ?? throw new CatalogItemNotFoundException(change.Id);
        await DeleteAsync(change.Id, cancellationToken).ConfigureAwait(false);
        return new CatalogChangeResult<T>(change, deleted.Document, null);
    }

    /// <summary>The result of an update or delete of an item another request deleted first: nothing was left to change.</summary>
    private static CatalogChangeResult<T> Gone(CatalogChange<T> change) => new(change, null, null);
}
