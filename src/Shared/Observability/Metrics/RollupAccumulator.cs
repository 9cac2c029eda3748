namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// This instance's running counts of one item in one minute, updated lock-free by any number of request threads
/// (interlocked adds, compare-and-swap for min, max and latest). <see cref="Snapshot"/> reads it for a flush or a
/// summary; a call in flight may show up in the next one.
/// </summary>
internal sealed class RollupAccumulator(long minute)
{
    private readonly long[] buckets = new long[LatencyBuckets.Count];
    private long count;
    private long failures;
    private long totalTicks;
    private long minTicks = long.MaxValue;
    private long maxTicks;
    private long firstAtTicks = long.MaxValue;
    private long lastAtTicks;
    private long settledInVersion = long.MaxValue;

    /// <summary>The UTC ticks of the minute's start.</summary>
    public long Minute { get; } = minute;

    /// <summary>The snapshot version of the published view that holds this minute as a stored row; until then, readers add it themselves.</summary>
    public long SettledInVersion
    {
        get => Volatile.Read(ref settledInVersion);
        set => Volatile.Write(ref settledInVersion, value);
    }

    /// <summary>The count the last write to storage held; a flush skips an unchanged minute.</summary>
    public long WrittenCount { get; set; }

    public void Record(bool success, TimeSpan duration, DateTimeOffset at)
    {
        var ticks = Math.Max(0, duration.Ticks);
        Interlocked.Increment(ref buckets[LatencyBuckets.IndexOf(duration.TotalSeconds)]);
        Interlocked.Add(ref totalTicks, ticks);
        if (!success)
        {
            Interlocked.Increment(ref failures);
        }

        RaiseTo(ref maxTicks, ticks);
        LowerTo(ref minTicks, ticks);
        LowerTo(ref firstAtTicks, at.UtcTicks);
        RaiseTo(ref lastAtTicks, at.UtcTicks);
        Interlocked.Increment(ref count);
    }

    public MetricsRollup Snapshot()
    {
        var calls = Interlocked.Read(ref count);
        if (calls == 0)
        {
            return MetricsRollup.Empty;
        }

        var histogram = new long[LatencyBuckets.Count];
        for (var i = 0; i < histogram.Length; i++)
        {
            histogram[i] = Interlocked.Read(ref buckets[i]);
        }

        return new MetricsRollup(
            calls,
            Interlocked.Read(ref failures),
            TimeSpan.FromTicks(Interlocked.Read(ref totalTicks)).TotalSeconds,
            TimeSpan.FromTicks(Interlocked.Read(ref minTicks)).TotalSeconds,
            TimeSpan.FromTicks(Interlocked.Read(ref maxTicks)).TotalSeconds,
            new DateTimeOffset(Interlocked.Read(ref firstAtTicks), TimeSpan.Zero),
            new DateTimeOffset(Interlocked.Read(ref lastAtTicks), TimeSpan.Zero),
            histogram);
    }

    private static void RaiseTo(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static void LowerTo(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
