using McpGateway.Shared.Observability.Metrics;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Observability;

/// <summary>
/// Per-item execution metrics. A call is counted in this instance's memory (<see cref="MetricsLedger"/>), nothing is
/// written on the request path; <see cref="MetricsFlusher"/> writes per-minute roll-ups in the background and reads
/// the other instances', so every read here answers from memory in time that does not grow with the calls made.
/// </summary>
public sealed class MetricsStore(MetricsLedger ledger, MetricsRollupTable table, TimeProvider time)
{
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

    public Task RecordAsync(string kind, string itemId, bool success, TimeSpan duration, CancellationToken cancellationToken)
    {
        ledger.Record(kind, itemId, success, duration, time.GetUtcNow());
        return Task.CompletedTask;
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
            Record(items, success: false, time.GetElapsedTime(started));
            throw;
        }

        Record(items, failed?.Invoke(result) is not true, time.GetElapsedTime(started));
        return result;
    }

    /// <summary>One item's summary, from memory in time that does not grow with the kind's other items.</summary>
    public MetricsSummary Summary(string kind, string itemId) => ledger.Item(kind, itemId).ToSummary();

    public Task<MetricsSummary> KindSummaryAsync(string kind, CancellationToken cancellationToken) =>
        Task.FromResult(ledger.Kind(kind).ToSummary());

    /// <summary>
    /// Calls, failures and mean latency per time bucket over the last <paramref name="window"/>, oldest first, for one
    /// item or (<paramref name="itemId"/> null) a whole kind: what the Admin UI charts. A minute's calls fall in the
    /// bucket of the latest of them.
    /// </summary>
    public Task<MetricsHistory> HistoryAsync(string kind, string? itemId, TimeSpan window, int bucketCount, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to - window;
        var width = window / bucketCount;
        var buckets = new List<MetricsRollup>[bucketCount];
        foreach (var minute in ledger.Minutes(kind, itemId, RollupKey.MinuteOf(from)))
        {
            if (minute.LastAt > from && minute.LastAt <= to)
            {
                var index = Math.Min(bucketCount - 1, (int)Math.Ceiling((minute.LastAt - from) / width) - 1);
                (buckets[index] ??= []).Add(minute);
            }
        }

        var points = buckets.Select((inBucket, i) =>
        {
            var merged = inBucket is null ? MetricsRollup.Empty : MetricsRollup.Merge(inBucket);
            return new MetricsHistoryPoint(from + (width * i), (int)merged.Count, (int)merged.Failures, merged.Count == 0 ? null : merged.TotalSeconds / merged.Count);
        });
        return Task.FromResult(new MetricsHistory(kind, itemId, from, to, width.TotalSeconds, points.ToList()));
    }

    /// <summary>Forgets the calls of one item, of one kind (itemId null) or of everything (both null), on every instance.</summary>
    public async Task ResetAsync(string? kind, string? itemId, CancellationToken cancellationToken)
    {
        var reset = new MetricsReset(kind, itemId, time.GetUtcNow());
        ledger.Reset(reset);
        await table.ResetAsync(reset, HistoryKinds, cancellationToken).ConfigureAwait(false);
    }

    private void Record(IReadOnlyCollection<MeasuredItem> items, bool success, TimeSpan duration)
    {
        var now = time.GetUtcNow();
        foreach (var item in items)
        {
            ledger.Record(item.Kind, item.ItemId, success, duration, now);
        }
    }
}

/// <summary>An item whose executions are counted: its kind (<c>tool</c>, <c>server</c>, ...) and id.</summary>
public readonly record struct MeasuredItem(string Kind, string ItemId);
