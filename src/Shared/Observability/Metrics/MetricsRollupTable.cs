using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// Roll-up rows in the <c>{prefix}metricrollups</c> table: one partition per item kind, row key = minute (19-digit UTC
/// ticks) + instance + item, so each instance writes only rows it owns, a range of minutes is one query per kind, and
/// retention deletes a prefix. Resets are rows of the <see cref="ResetPartition"/> partition, read by every instance.
/// </summary>
public sealed class MetricsRollupTable(CatalogStorage storage)
{
    private const string ResetPartition = "~resets";
    private const int MaxTransactionSize = 100;
    private const string Everything = "*";
    private readonly LazyTable lazyTable = storage.RawTable("metricrollups");

    /// <summary>Writes (replaces) the rows, in entity-group transactions of up to 100 rows of one kind.</summary>
    public async Task UpsertAsync(IReadOnlyCollection<KeyValuePair<RollupKey, MetricsRollup>> rows, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in rows.GroupBy(r => r.Key.Kind))
        {
            foreach (var chunk in kind.Chunk(MaxTransactionSize))
            {
                var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r.Key, r.Value)));
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The rows of <paramref name="kind"/> for minutes from <paramref name="fromMinute"/> on.</summary>
    public async Task<List<KeyValuePair<RollupKey, MetricsRollup>>> ReadAsync(string kind, long fromMinute, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<KeyValuePair<RollupKey, MetricsRollup>>();
        var query = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey ge {MinuteKey(fromMinute)}"), cancellationToken: cancellationToken);
        await foreach (var entity in query.ConfigureAwait(false))
        {
            rows.Add(FromEntity(entity));
        }

        return rows;
    }

    public async Task<List<MetricsReset>> ReadResetsAsync(CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var resets = new List<MetricsReset>();
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ResetPartition}"), cancellationToken: cancellationToken);
        await foreach (var entity in query.ConfigureAwait(false))
        {
            resets.Add(new MetricsReset(entity.GetString("Kind"), entity.GetString("ItemId"), entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        }

        return resets;
    }

    /// <summary>Records the reset for every instance, then deletes the rows it covers (a row flushed meanwhile is ignored by readers as older than the reset).</summary>
    public async Task ResetAsync(MetricsReset reset, IEnumerable<string> kinds, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var marker = new TableEntity(ResetPartition, $"{reset.Kind ?? Everything}|{(reset.ItemId is null ? Everything : TableKey.Encode(string.Empty, reset.ItemId))}")
        {
            ["Kind"] = reset.Kind,
            ["ItemId"] = reset.ItemId,
            ["At"] = reset.At,
        };
        await table.UpsertEntityAsync(marker, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        foreach (var kind in reset.Kind is null ? kinds : [reset.Kind])
        {
            var filter = reset.ItemId is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {kind}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {kind} and ItemId eq {reset.ItemId}");
            await DeleteAsync(table, table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the rows of minutes before <paramref name="before"/>, and the resets older than that (nothing they cover is left).</summary>
    public async Task PruneAsync(DateTimeOffset before, IEnumerable<string> kinds, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in kinds)
        {
            await table.DeleteRowsBeforeAsync(kind, MinuteKey(RollupKey.MinuteOf(before)), cancellationToken).ConfigureAwait(false);
        }

        var oldResets = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ResetPartition} and At lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await DeleteAsync(table, oldResets, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(TableClient table, AsyncPageable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        await foreach (var row in rows.ConfigureAwait(false))
        {
            found.Add(row);
        }

        foreach (var partition in found.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(MaxTransactionSize))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // A concurrent reset deleted some of these rows first; delete the rest one by one (a missing row is no error).
                    foreach (var row in chunk)
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static string MinuteKey(long minute) => minute.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(RollupKey key, MetricsRollup rollup) =>
        new(key.Kind, $"{MinuteKey(key.Minute)}|{key.Instance}|{TableKey.Encode(string.Empty, key.ItemId)}")
        {
            ["ItemId"] = key.ItemId,
            ["Instance"] = key.Instance,
            ["Minute"] = key.Minute,
            ["Count"] = rollup.Count,
            ["Failures"] = rollup.Failures,
            ["TotalSeconds"] = rollup.TotalSeconds,
            ["MinSeconds"] = rollup.MinSeconds,
            ["MaxSeconds"] = rollup.MaxSeconds,
            ["FirstAt"] = rollup.FirstAt,
            ["LastAt"] = rollup.LastAt,
            ["Buckets"] = EncodeBuckets(rollup.Buckets),
        };

    private static KeyValuePair<RollupKey, MetricsRollup> FromEntity(TableEntity entity) => new(
        new RollupKey(entity.PartitionKey, entity.GetString("ItemId") ?? string.Empty, entity.GetInt64("Minute") ?? 0, entity.GetString("Instance") ?? string.Empty),
        new MetricsRollup(
            entity.GetInt64("Count") ?? 0,
            entity.GetInt64("Failures") ?? 0,
            entity.GetDouble("TotalSeconds") ?? 0,
            entity.GetDouble("MinSeconds") ?? 0,
            entity.GetDouble("MaxSeconds") ?? 0,
            entity.GetDateTimeOffset("FirstAt") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("LastAt") ?? DateTimeOffset.MinValue,
            DecodeBuckets(entity.GetString("Buckets"))));

    /// <summary>The non-empty buckets as <c>index:count</c> pairs separated by commas: most calls of an item fall in a few buckets.</summary>
    internal static string EncodeBuckets(ReadOnlySpan<long> buckets)
    {
        var text = new StringBuilder();
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] != 0)
            {
                text.Append(text.Length == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{i}:{buckets[i]}");
            }
        }

        return text.ToString();
    }

    internal static long[] DecodeBuckets(string? text)
    {
        var buckets = new long[LatencyBuckets.Count];
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < buckets.Length
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                buckets[index] = count;
            }
        }

        return buckets;
    }
}
