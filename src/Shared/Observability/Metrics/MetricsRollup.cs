namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// The calls of one item (or of many merged) over one minute (or many): count, failures, total, min and max latency,
/// the first and latest call and a <see cref="LatencyBuckets"/> histogram. Immutable; <see cref="Merge"/> adds roll-ups up.
/// </summary>
public sealed class MetricsRollup
{
    private readonly long[] buckets;

    public MetricsRollup(long count, long failures, double totalSeconds, double minSeconds, double maxSeconds, DateTimeOffset firstAt, DateTimeOffset lastAt, long[] buckets)
    {
        if (buckets.Length != LatencyBuckets.Count)
        {
            throw new ArgumentException($"A histogram has {LatencyBuckets.Count} buckets.", nameof(buckets));
        }

        Count = count;
        Failures = failures;
        TotalSeconds = totalSeconds;
        MinSeconds = minSeconds;
        MaxSeconds = maxSeconds;
        FirstAt = firstAt;
        LastAt = lastAt;
        this.buckets = buckets;
    }

    public static MetricsRollup Empty { get; } = new(0, 0, 0, 0, 0, DateTimeOffset.MaxValue, DateTimeOffset.MinValue, new long[LatencyBuckets.Count]);

    public long Count { get; }

    public long Failures { get; }

    public double TotalSeconds { get; }

    public double MinSeconds { get; }

    public double MaxSeconds { get; }

    public DateTimeOffset FirstAt { get; }

    public DateTimeOffset LastAt { get; }

    public ReadOnlySpan<long> Buckets => buckets;

    public static MetricsRollup Merge(IEnumerable<MetricsRollup> rollups)
    {
        long count = 0, failures = 0;
        double total = 0, min = double.MaxValue, max = 0;
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        var merged = new long[LatencyBuckets.Count];
        foreach (var rollup in rollups)
        {
            if (rollup.Count == 0)
            {
                continue;
            }

            count += rollup.Count;
            failures += rollup.Failures;
            total += rollup.TotalSeconds;
            min = Math.Min(min, rollup.MinSeconds);
            max = Math.Max(max, rollup.MaxSeconds);
            first = rollup.FirstAt < first ? rollup.FirstAt : first;
            last = rollup.LastAt > last ? rollup.LastAt : last;
            for (var i = 0; i < merged.Length; i++)
            {
                merged[i] += rollup.buckets[i];
            }
        }

        return count == 0 ? Empty : new MetricsRollup(count, failures, total, min, max, first, last, merged);
    }

    /// <summary>The latency below which <paramref name="fraction"/> of the calls fell, in seconds (null without calls), kept within min and max.</summary>
    public double? Percentile(double fraction)
    {
        var histogramCount = 0L;
        foreach (var bucket in buckets)
        {
            histogramCount += bucket;
        }

        if (histogramCount == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * histogramCount));
        var seen = 0L;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return Math.Clamp(LatencyBuckets.Representative(i), MinSeconds, MaxSeconds);
            }
        }

        return MaxSeconds;
    }

    public MetricsSummary ToSummary() => Count == 0
        ? MetricsSummary.Empty
        : new MetricsSummary(
            Count,
            Count - Failures,
            Failures,
            (double)Failures / Count,
            MinSeconds,
            MaxSeconds,
            TotalSeconds / Count,
            LastAt,
            Percentile(0.50),
            Percentile(0.95),
            Percentile(0.99));
}
