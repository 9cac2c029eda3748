using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage.Snapshot;

namespace McpGateway.Shared.Storage;

/// <summary>
/// The items of one catalog kind in one Azure table. Every row lives in a single partition so an
/// item, the index rows that make its unique keys unique, and its history rows change together in
/// one entity-group transaction: a duplicate name can never slip in, and an update that raced
/// another one is re-applied on the newer state instead of overwriting it (ETag concurrency).
/// </summary>
public sealed partial class CatalogTable<T>
    where T : class, ICatalogDocument
{
    private const string Partition = "catalog";
    private const string ItemPrefix = "item|";
    private const string KeyPrefix = "key|";
    private const string HistoryPrefix = "history|";
    private const string DocumentProperty = "Document";
    private const string ContentProperty = "Content";
    private const string RevisionProperty = "Revision";
    private const string IdProperty = "ItemId";
    private const int MaxAttempts = 40;
    private const int MaxTransactionSize = 100;

    private readonly TableClient table;
    private readonly PayloadStore payloads;
    private readonly Func<CancellationToken, Task> ensureCreated;
    private readonly bool keepHistory;
    private ICatalogTableObserver<T>? observer;

    internal CatalogTable(TableClient table, PayloadStore payloads, Func<CancellationToken, Task> ensureCreated, bool keepHistory)
    {
        this.table = table;
        this.payloads = payloads;
        this.ensureCreated = ensureCreated;
        this.keepHistory = keepHistory;
    }

    public async Task<CatalogEntry<T>?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsStorableId(id))
        {
            return null; // no item has an id a row key cannot hold; callers try a URI or name with slashes as an id first
        }

        var row = await FindRowAsync(ItemPrefix + id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await DecodeAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the item holding a unique key, such as the tool named "clock".</summary>
    public async Task<CatalogEntry<T>?> FindByKeyAsync(string kind, string value, CancellationToken cancellationToken)
    {
        var keyRow = await FindRowAsync(KeyRowKey(kind, value), cancellationToken).ConfigureAwait(false);
        return keyRow?.GetString(IdProperty) is { } id ? await FindAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<IReadOnlyList<CatalogEntry<T>>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = new List<CatalogEntry<T>>();
        await foreach (var row in QueryRangeAsync(ItemPrefix, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(await DecodeAsync(row, cancellationToken).ConfigureAwait(false));
        }

        return entries;
    }

    /// <summary>The earlier revisions of an item, newest first (only for tables that keep history).</summary>
    public async Task<IReadOnlyList<CatalogEntry<T>>> ListHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var entries = new List<CatalogEntry<T>>();
        if (!IsStorableId(id))
        {
            return entries;
        }

        await foreach (var row in QueryRangeAsync(HistoryRowPrefix(id), cancellationToken).ConfigureAwait(false))
        {
            entries.Add(await DecodeAsync(row, cancellationToken).ConfigureAwait(false));
        }

        entries.Reverse();
        return entries;
    }

    public async Task<byte[]?> ReadContentAsync(CatalogEntry<T> entry, CancellationToken cancellationToken) =>
        entry.Content is null ? null : await payloads.ReadAsync(entry.Content, cancellationToken).ConfigureAwait(false);

    public async Task<CatalogEntry<T>> InsertAsync(T document, ReadOnlyMemory<byte>? content, CancellationToken cancellationToken)
    {
        await ensureCreated(cancellationToken).ConfigureAwait(false);
        var write = await InsertionAsync(document, content, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.SubmitTransactionAsync(write.Actions, cancellationToken).ConfigureAwait(false);
            return Committed(Entry(document, write.Row, response.Value[0].Headers.ETag ?? default));
        }
        catch (TableTransactionFailedException ex)
        {
            await payloads.DeleteBlobsAsync(write.NewBlobs).ConfigureAwait(false);
            if (ConflictFor(ex, write.AddedKeys) is { } conflict)
            {
                throw conflict;
            }

            throw;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current state and stores the result. When another writer
    /// got there first the change is applied again to the newer state, so neither update is lost; with
    /// <paramref name="ifMatch"/> the caller asks instead to fail (<see cref="ItemChangedException"/>) if the item changed since it read it.
    /// </summary>
    public async Task<CatalogEntry<T>> UpdateAsync(
        string id,
        Func<CatalogEntry<T>, T> change,
        CancellationToken cancellationToken,
        ETag? ifMatch = null,
        ReadOnlyMemory<byte>? newContent = null)
    {
        await ensureCreated(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var currentRow = await FindRowAsync(ItemPrefix + id, cancellationToken).ConfigureAwait(false)
                ?? throw new CatalogItemNotFoundException(id);
            if (ifMatch is { } expected && expected != currentRow.ETag)
            {
                throw new ItemChangedException($"The item '{id}' was changed since the ETag {expected} was read.");
            }

            var write = await RewriteAsync(currentRow, change, newContent, cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await table.SubmitTransactionAsync(write.Actions, cancellationToken).ConfigureAwait(false);
                await payloads.DeleteBlobsAsync(write.FreedBlobs).ConfigureAwait(false);
                return Committed(Entry(write.Document, write.Row, response.Value[0].Headers.ETag ?? default));
            }
            catch (TableTransactionFailedException ex)
            {
                await payloads.DeleteBlobsAsync(write.NewBlobs).ConfigureAwait(false);
                if (ConflictFor(ex, write.AddedKeys) is { } conflict)
                {
                    throw conflict;
                }

                if (!LostRace(ex))
                {
                    throw;
                }

                if (ex.Status == 412 && ifMatch is not null)
                {
                    throw new ItemChangedException($"The item '{id}' was changed by another request.");
                }

                await BeforeRetryAsync(id, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await ensureCreated(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var row = await FindRowAsync(ItemPrefix + id, cancellationToken).ConfigureAwait(false)
                ?? throw new CatalogItemNotFoundException(id);
            var write = await RemovalAsync(row, cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var batch in write.Actions.Chunk(MaxTransactionSize))
                {
                    await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (TableTransactionFailedException ex) when (LostRace(ex))
            {
                await BeforeRetryAsync(id, attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            observer?.Deleted(id);
            await payloads.DeleteBlobsAsync(write.FreedBlobs).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>The rows that store a new item: its row (payloads written) and one row per unique key.</summary>
    private async Task<ItemWrite> InsertionAsync(T document, ReadOnlyMemory<byte>? content, CancellationToken cancellationToken)
    {
        if (!IsStorableId(document.Id))
        {
            // The gateway makes its ids, but an imported document brings its own.
            throw new InvalidItemIdException(TableKey.MaxLength - HistoryRowKey(string.Empty, 0).Length);
        }

        var row = new TableEntity(Partition, ItemPrefix + document.Id) { [RevisionProperty] = 1 };
        await payloads.WriteAsync(row, DocumentProperty, Serialize(document), cancellationToken).ConfigureAwait(false);
        if (content is { } bytes)
        {
            await payloads.WriteAsync(row, ContentProperty, bytes, cancellationToken).ConfigureAwait(false);
        }

        var keys = document.UniqueKeys().ToList();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row) };
        actions.AddRange(keys.Select(key => new TableTransactionAction(TableTransactionActionType.Add, KeyRow(key, document.Id))));
        return new ItemWrite(row, document, actions, keys, [.. PayloadStore.BlobNames(row)], []);
    }

    /// <summary>The rows that replace the item in <paramref name="currentRow"/> by <paramref name="change"/> of it, conditional on its ETag.</summary>
    private async Task<ItemWrite> RewriteAsync(
        TableEntity currentRow, Func<CatalogEntry<T>, T> change, ReadOnlyMemory<byte>? newContent, CancellationToken cancellationToken)
    {
        var current = await DecodeAsync(currentRow, cancellationToken).ConfigureAwait(false);
        var updated = change(current);
        var row = new TableEntity(Partition, currentRow.RowKey) { [RevisionProperty] = current.Revision + 1 };
        await payloads.WriteAsync(row, DocumentProperty, Serialize(updated), cancellationToken).ConfigureAwait(false);
        if (newContent is { } bytes)
        {
            await payloads.WriteAsync(row, ContentProperty, bytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            CopyPayload(currentRow, row, ContentProperty);
        }

        var (actions, addedKeys) = UpdateActions(current, updated, currentRow, row);
        return new ItemWrite(
            row, updated, actions, addedKeys, [.. PayloadStore.BlobNames(row).Except(PayloadStore.BlobNames(currentRow))], [.. ReplacedBlobs(currentRow, row)]);
    }

    /// <summary>The deletions of the item in <paramref name="row"/> (conditional on its ETag), its unique keys and its history.</summary>
    private async Task<ItemWrite> RemovalAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var entry = await DecodeAsync(row, cancellationToken).ConfigureAwait(false);
        var id = entry.Document.Id;
        var history = new List<TableEntity>();
        await foreach (var historyRow in QueryRangeAsync(HistoryRowPrefix(id), cancellationToken).ConfigureAwait(false))
        {
            history.Add(historyRow);
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, row, row.ETag) };
        actions.AddRange(entry.Document.UniqueKeys().Select(key =>
            new TableTransactionAction(TableTransactionActionType.Delete, KeyRow(key, id), ETag.All)));
        actions.AddRange(history.Select(h => new TableTransactionAction(TableTransactionActionType.Delete, h, ETag.All)));
        return new ItemWrite(row, entry.Document, actions, [], [], [.. history.Prepend(row).SelectMany(PayloadStore.BlobNames)]);
    }

    private (List<TableTransactionAction> Actions, List<UniqueKey> AddedKeys) UpdateActions(
        CatalogEntry<T> current, T updated, TableEntity currentRow, TableEntity row)
    {
        var oldKeys = current.Document.UniqueKeys().ToHashSet();
        var newKeys = updated.UniqueKeys().ToHashSet();
        var addedKeys = newKeys.Except(oldKeys).ToList();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, currentRow.ETag) };
        actions.AddRange(addedKeys.Select(key => new TableTransactionAction(TableTransactionActionType.Add, KeyRow(key, updated.Id))));
        actions.AddRange(oldKeys.Except(newKeys).Select(key =>
            new TableTransactionAction(TableTransactionActionType.Delete, KeyRow(key, updated.Id), ETag.All)));
        if (keepHistory)
        {
            var historyRow = new TableEntity(Partition, HistoryRowKey(updated.Id, current.Revision))
            {
                [RevisionProperty] = current.Revision,
            };
            CopyPayload(currentRow, historyRow, DocumentProperty);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, historyRow));
        }

        return (actions, addedKeys);
    }

    /// <summary>Blobs the previous row named that neither the new row nor (when history is kept) its history row does.</summary>
    private IEnumerable<string?> ReplacedBlobs(TableEntity previous, TableEntity updated)
    {
        var stillUsed = PayloadStore.BlobNames(updated).ToHashSet(StringComparer.Ordinal);
        if (keepHistory)
        {
            stillUsed.Add(previous.GetString(DocumentProperty + "Blob"));
        }

        return PayloadStore.BlobNames(previous).Where(name => !stillUsed.Contains(name));
    }

    /// <summary>
    /// Whether a transaction failed because another request got there first: 412, the item changed; 404, it (or a row
    /// it owned) was deleted. Tried again on a fresh read, the change meets the newer state, or finds the item gone.
    /// </summary>
    private static bool LostRace(TableTransactionFailedException failure) => failure.Status is 404 or 412;

    /// <summary>Spreads writers that lost a race so they do not collide again in lockstep, up to a bounded number of attempts.</summary>
    private static Task BeforeRetryAsync(string id, int attempt, CancellationToken cancellationToken) =>
        attempt == MaxAttempts
            ? throw new WriteContentionException(id)
            : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + Math.Min(attempt, 10) * 10)), cancellationToken);

    private static void CopyPayload(TableEntity from, TableEntity to, string property)
    {
        foreach (var name in new[] { property, property + "Blob", property + "Length" })
        {
            if (from.TryGetValue(name, out var value))
            {
                to[name] = value;
            }
        }
    }

    /// <summary>The conflict a failed insert or update met, if a unique key row it adds (from its second action on) already existed.</summary>
    private static UniqueKeyConflictException? ConflictFor(TableTransactionFailedException ex, IReadOnlyList<UniqueKey> addedKeys)
    {
        if (ex.Status != 409)
        {
            return null;
        }

        var index = ex.FailedTransactionActionIndex - 1;
        return new UniqueKeyConflictException(index is { } i && i >= 0 && i < addedKeys.Count ? addedKeys[i] : null);
    }

    private static CatalogEntry<T> Entry(T document, TableEntity row, ETag etag) =>
        new(document, etag, row.GetInt32(RevisionProperty) ?? 1, DateTimeOffset.UtcNow) { Content = PayloadStore.Describe(row, ContentProperty) };

    private async Task<CatalogEntry<T>> DecodeAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var payload = PayloadStore.Describe(row, DocumentProperty)
            ?? throw new InvalidDataException($"Row {row.RowKey} of table {table.Name} has no document.");
        var bytes = await payloads.ReadAsync(payload, cancellationToken).ConfigureAwait(false);
        var document = JsonSerializer.Deserialize<T>(bytes, GatewayJson.Options)
            ?? throw new InvalidDataException($"Row {row.RowKey} of table {table.Name} holds a null document.");
        return new CatalogEntry<T>(document, row.ETag, row.GetInt32(RevisionProperty) ?? 1, row.Timestamp)
        {
            Content = PayloadStore.Describe(row, ContentProperty),
        };
    }

    private async Task<TableEntity?> FindRowAsync(string rowKey, CancellationToken cancellationToken)
    {
        await ensureCreated(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private async IAsyncEnumerable<TableEntity> QueryRangeAsync(
        string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ensureCreated(cancellationToken).ConfigureAwait(false);
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {upper}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    private static byte[] Serialize(T document) => JsonSerializer.SerializeToUtf8Bytes(document, GatewayJson.Options);

    private static TableEntity KeyRow(UniqueKey key, string id) =>
        new(Partition, KeyRowKey(key.Kind, key.Value)) { [IdProperty] = id };

    /// <summary>Names and URIs may hold characters a row key may not, and be longer than one fits: encode the value.</summary>
    private static string KeyRowKey(string kind, string value) => TableKey.Encode($"{KeyPrefix}{kind}|", value);

    /// <summary>Whether every row key the id is part of (the longest is a history row's) is one storage accepts.</summary>
    private static bool IsStorableId(string id) => id.Length > 0 && TableKey.IsValid(HistoryRowKey(id, 0));

    private static string HistoryRowPrefix(string id) => $"{HistoryPrefix}{id}|";

    private static string HistoryRowKey(string id, int revision) => $"{HistoryRowPrefix(id)}{revision:D10}";

    /// <summary>
    /// The transaction actions of one item's change, with the blobs its payloads were written to (removed if the
    /// transaction fails) and the blobs only the replaced rows referred to (removed once it commits).
    /// </summary>
    private sealed record ItemWrite(
        TableEntity Row,
        T Document,
        List<TableTransactionAction> Actions,
        IReadOnlyList<UniqueKey> AddedKeys,
        IReadOnlyList<string?> NewBlobs,
        IReadOnlyList<string?> FreedBlobs);

    /// <summary>Has <paramref name="changes"/> told of every change this table commits (see <see cref="ICatalogTableObserver{T}"/>).</summary>
    public void Observe(ICatalogTableObserver<T> changes) => observer = changes;

    private CatalogEntry<T> Committed(CatalogEntry<T> entry)
    {
        observer?.Committed(entry);
        return entry;
    }
}
