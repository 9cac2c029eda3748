using System.Collections.Concurrent;

namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// What this instance knows of the metrics, all in memory: its own live counts per item and minute (updated
/// lock-free on the request path) and the stored roll-ups (its own settled minutes and every other instance's),
/// merged into a <see cref="MetricsView"/>. Only the background flush and refresh (<see cref="MetricsFlusher"/>)
/// change the stored part, under one lock that requests never take.
/// </summary>
public sealed class MetricsLedger
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ConcurrentDictionary<long, RollupAccumulator>>> live = new();
    private readonly Dictionary<RollupKey, MetricsRollup> stored = [];
    private readonly Dictionary<(string? Kind, string? ItemId), MetricsReset> resets = [];
    private readonly Lock gate = new();
    private volatile MetricsView view = MetricsView.Empty;

    /// <param name="instance">This process's id in row keys: unique per process, so a restarted instance never overwrites the rows of its previous life.</param>
    public MetricsLedger(string instance) => Instance = instance;

    public string Instance { get; }

    public void Record(string kind, string itemId, bool success, TimeSpan duration, DateTimeOffset at)
    {
        var minutes = live.GetOrAdd(kind, static _ => new()).GetOrAdd(itemId, static _ => new());
        minutes.GetOrAdd(RollupKey.MinuteOf(at), static minute => new RollupAccumulator(minute)).Record(success, duration, at);
    }

    public MetricsRollup Item(string kind, string itemId)
    {
        var current = view;
        return MetricsRollup.Merge(LiveMinutes(current, kind, itemId).Select(a => a.Snapshot()).Append(current.Item(kind, itemId).Total));
    }

    public MetricsRollup Kind(string kind)
    {
        var current = view;
        var liveOfKind = live.TryGetValue(kind, out var items) ? items.Keys.SelectMany(id => LiveMinutes(current, kind, id)) : [];
        return MetricsRollup.Merge(liveOfKind.Select(a => a.Snapshot()).Append(current.Kind(kind).Total));
    }

    /// <summary>The roll-ups of minutes from <paramref name="fromMinute"/> on, of one item or (itemId null) a whole kind, unordered.</summary>
    public IEnumerable<MetricsRollup> Minutes(string kind, string? itemId, long fromMinute)
    {
        var current = view;
        var series = itemId is null ? current.Kind(kind) : current.Item(kind, itemId);
        var liveIds = itemId is not null ? [itemId] : live.TryGetValue(kind, out var items) ? items.Keys : Enumerable.Empty<string>();
        return series.Minutes.Where(m => m.Key >= fromMinute).Select(m => m.Value)
            .Concat(liveIds.SelectMany(id => LiveMinutes(current, kind, id)).Where(a => a.Minute >= fromMinute).Select(a => a.Snapshot()))
            .ToList();
    }

    /// <summary>
    /// This instance's rows that changed since they were last written, and settles the minutes ended before
    /// <paramref name="settleBefore"/>: once written, they are read from the view and leave the live counts.
    /// </summary>
    internal IReadOnlyList<PendingRow> Pending(DateTimeOffset settleBefore)
    {
        var settleMinute = RollupKey.MinuteOf(settleBefore) - TimeSpan.TicksPerMinute;
        var pending = new List<PendingRow>();
        foreach (var (kind, items) in live)
        {
            foreach (var (itemId, minutes) in items)
            {
                foreach (var accumulator in minutes.Values.Where(a => a.SettledInVersion == long.MaxValue))
                {
                    var snapshot = accumulator.Snapshot();
                    var final = accumulator.Minute < settleMinute;
                    if (snapshot.Count != accumulator.WrittenCount || final)
                    {
                        pending.Add(new PendingRow(new RollupKey(kind, itemId, accumulator.Minute, Instance), snapshot, accumulator, final));
                    }
                }
            }
        }

        return pending;
    }

    /// <summary>Marks <paramref name="written"/> as stored; the final ones join the view, and the minutes settled by an earlier flush leave the live counts.</summary>
    internal void Written(IReadOnlyList<PendingRow> written)
    {
        lock (gate)
        {
            var version = view.Version + 1;
            foreach (var row in written)
            {
                row.Accumulator.WrittenCount = row.Rollup.Count;
            }

            foreach (var (kind, items) in live)
            {
                foreach (var (itemId, minutes) in items)
                {
                    foreach (var settled in minutes.Values.Where(a => a.SettledInVersion < version))
                    {
                        minutes.TryRemove(settled.Minute, out _);
                    }
                }
            }

            var finals = written.Where(r => r.Final).ToList();
            if (finals.Count == 0)
            {
                return;
            }

            foreach (var row in finals)
            {
                stored[row.Key] = row.Rollup;
                row.Accumulator.SettledInVersion = version;
            }

            view = MetricsView.Build(version, stored);
        }
    }

    /// <summary>Takes in rows read from storage (other instances' rows; this instance's own are its live counts) and resets, and drops minutes before <paramref name="retainFrom"/>.</summary>
    internal void Refreshed(IEnumerable<KeyValuePair<RollupKey, MetricsRollup>> rows, IEnumerable<MetricsReset> storedResets, DateTimeOffset retainFrom)
    {
        lock (gate)
        {
            foreach (var reset in storedResets)
            {
                ApplyReset(reset);
            }

            foreach (var (key, rollup) in rows)
            {
                if (key.Instance != Instance && !IsReset(key, rollup))
                {
                    stored[key] = rollup;
                }
            }

            var retainMinute = RollupKey.MinuteOf(retainFrom);
            foreach (var expired in stored.Keys.Where(k => k.Minute < retainMinute).ToList())
            {
                stored.Remove(expired);
            }

            foreach (var expired in resets.Where(r => r.Value.At < retainFrom).Select(r => r.Key).ToList())
            {
                resets.Remove(expired);
            }

            view = MetricsView.Build(view.Version + 1, stored);
        }
    }

    /// <summary>Forgets what <paramref name="reset"/> covers: live counts, stored rows of any instance counted before it.</summary>
    public void Reset(MetricsReset reset)
    {
        lock (gate)
        {
            ApplyReset(reset);
            view = MetricsView.Build(view.Version + 1, stored);
        }
    }

    private void ApplyReset(MetricsReset reset)
    {
        if (resets.TryGetValue((reset.Kind, reset.ItemId), out var known) && known.At >= reset.At)
        {
            return;
        }

        resets[(reset.Kind, reset.ItemId)] = reset;
        foreach (var key in stored.Where(row => IsReset(row.Key, row.Value)).Select(row => row.Key).ToList())
        {
            stored.Remove(key);
        }

        foreach (var (kind, items) in live)
        {
            foreach (var (_, minutes) in items.Where(item => reset.Covers(kind, item.Key)))
            {
                foreach (var counted in minutes.Values.Where(a => a.Snapshot().FirstAt < reset.At))
                {
                    minutes.TryRemove(counted.Minute, out _);
                }
            }
        }
    }

    /// <summary>Whether a reset of the row's item, of its kind or of everything came after the row's first call.</summary>
    private bool IsReset(RollupKey key, MetricsRollup rollup) =>
        new (string?, string?)[] { (key.Kind, key.ItemId), (key.Kind, null), (null, null) }
            .Any(scope => resets.TryGetValue(scope, out var reset) && rollup.FirstAt < reset.At);

    /// <summary>The live minutes of an item that <paramref name="current"/> does not hold yet.</summary>
    private IEnumerable<RollupAccumulator> LiveMinutes(MetricsView current, string kind, string itemId) =>
        live.TryGetValue(kind, out var items) && items.TryGetValue(itemId, out var minutes)
            ? minutes.Values.Where(a => a.SettledInVersion > current.Version)
            : [];

    /// <summary>A row this instance writes: <see cref="Final"/> when its minute is over and this is its last write.</summary>
    internal sealed record PendingRow(RollupKey Key, MetricsRollup Rollup, RollupAccumulator Accumulator, bool Final);
}
