using Azure.Data.Tables;
using McpGateway.Shared.Storage;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Observability;

/// <summary>
/// Per-item execution metrics in Table storage. Each invocation appends its own row (partition = the
/// item kind, row = item id + time + a unique suffix), so concurrent recorders on any number of
/// instances never read-modify-write a shared counter; summaries are computed when read.
/// </summary>
public sealed class MetricsStore
{
    private readonly LazyTable lazyTable;
    private readonly TimeProvider time;

    public MetricsStore(CatalogStorage storage, TimeProvider time)
    {
        lazyTable = storage.RawTable("metrics");
        this.time = time;
    }

    /// <summary>The kinds whose metrics <c>/metrics</c> reports, keyed as in its response.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReportedKinds = new Dictionary<string, string>
    {
        ["tools"] = "tool",
        ["resources"] = "resource",
        ["prompts"] = "prompt",
        ["servers"] = "server",
    };

    /// <summary>The kinds with a history: the reported ones, and peer gateways (one event per health check).</summary>
    public static readonly IReadOnlyList<string> HistoryKinds = [.. ReportedKinds.Values, "gateway"];

    public async Task RecordAsync(string kind, string itemId, bool success, TimeSpan duration, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var row = new TableEntity(kind, $"{itemId}|{now.UtcTicks:D19}|{Guid.NewGuid():N}")
        {
            ["ItemId"] = itemId,
            ["Success"] = success,
            ["Seconds"] = duration.TotalSeconds,
            ["At"] = now,
        };
        await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> and records it as one execution of each of <paramref name="items"/>: a failure
    /// when it throws or when <paramref name="failed"/> says its result is one (a tool's <c>isError</c>). Recorded even
    /// when the caller has gone: the execution happened.
    /// </summary>
    /// <remarks>An input-required round (SEP-2322) is not an outcome: the request that answers it has one.</remarks>
    public async Task<T> MeasureAsync<T>(IReadOnlyCollection<MeasuredItem> items, Func<Task<T>> operation, Func<T, bool>? failed = null)
    {
        var started = time.GetTimestamp();
        T result;
        try
        {
            result = await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not InputRequiredException)
        {
            await RecordAsync(items, success: false, time.GetElapsedTime(started)).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(items, failed?.Invoke(result) is not true, time.GetElapsedTime(started)).ConfigureAwait(false);
        return result;
    }

    public async Task<MetricsSummary> SummaryAsync(string kind, string itemId, CancellationToken cancellationToken) =>
        MetricsSummary.Of(await EventsAsync(kind, itemId, cancellationToken).ConfigureAwait(false));

    /// <summary>Summaries of every item of a kind that has events, by item id.</summary>
    public async Task<IReadOnlyDictionary<string, MetricsSummary>> SummariesAsync(string kind, CancellationToken cancellationToken) =>
        (await EventsAsync(kind, null, cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.ItemId)
            .ToDictionary(g => g.Key, g => MetricsSummary.Of(g.ToList()));

    public async Task<MetricsSummary> KindSummaryAsync(string kind, CancellationToken cancellationToken) =>
        MetricsSummary.Of(await EventsAsync(kind, null, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Calls, failures and mean latency per time bucket over the last <paramref name="window"/>, oldest first, for one
    /// item or (<paramref name="itemId"/> null) a whole kind: what the Admin UI charts.
    /// </summary>
    public async Task<MetricsHistory> HistoryAsync(string kind, string? itemId, TimeSpan window, int bucketCount, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to - window;
        var width = window / bucketCount;
        var events = (await EventsAsync(kind, itemId, cancellationToken).ConfigureAwait(false)).Where(e => e.At > from && e.At <= to).ToList();
        var points = Enumerable.Range(0, bucketCount).Select(i =>
        {
            var start = from + (width * i);
            var inBucket = events.Where(e => e.At > start && e.At <= start + width).ToList();
            return new MetricsHistoryPoint(
                start, inBucket.Count, inBucket.Count(e => !e.Success), inBucket.Count == 0 ? null : inBucket.Average(e => e.Seconds));
        });
        return new MetricsHistory(kind, itemId, from, to, width.TotalSeconds, points.ToList());
    }

    /// <summary>Deletes the events of one item, of one kind (itemId null) or of everything (both null).</summary>
    public async Task ResetAsync(string? kind, string? itemId, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = kind is null ? null : Filter(kind, itemId);
        var rows = table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        var batch = new List<TableEntity>();
        await foreach (var row in rows.ConfigureAwait(false))
        {
            batch.Add(row);
        }

        foreach (var partition in batch.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All));
                try
                {
                    await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // A concurrent reset deleted some of these rows first; delete the rest one by one (a missing row is no error).
                    foreach (var row in chunk)
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private async Task<List<MetricEvent>> EventsAsync(string kind, string? itemId, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<MetricEvent>();
        var rows = table.QueryAsync<TableEntity>(Filter(kind, itemId), select: ["ItemId", "Success", "Seconds", "At"], cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            events.Add(new MetricEvent(
                row.GetString("ItemId") ?? string.Empty,
                row.GetBoolean("Success") ?? false,
                row.GetDouble("Seconds") ?? 0,
                row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        }

        return events;
    }

    private async Task RecordAsync(IReadOnlyCollection<MeasuredItem> items, bool success, TimeSpan duration)
    {
        foreach (var item in items)
        {
            await RecordAsync(item.Kind, item.ItemId, success, duration, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Filter(string kind, string? itemId) => itemId is null
        ? TableClient.CreateQueryFilter($"PartitionKey eq {kind}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey ge {itemId + "|"} and RowKey lt {itemId + "}"}");}

/// <summary>An item whose executions are counted: its kind (<c>tool</c>, <c>server</c>, ...) and id.</summary>
public readonly record struct MeasuredItem(string Kind, string ItemId);
