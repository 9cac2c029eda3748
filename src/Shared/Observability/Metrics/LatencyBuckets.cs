namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// The fixed log-scale latency buckets every roll-up's histogram counts in, so histograms of any instance and minute
/// add up bucket by bucket. Bucket 0 holds calls under 0.1 ms; bucket i (from 1) those from 0.1 ms × 1.25^(i-1) up to
/// 0.1 ms × 1.25^i; the last one everything slower (about 77 minutes and above). A percentile read from them is within
/// about 12 % of the true value.
/// </summary>
public static class LatencyBuckets
{
    public const int Count = 96;

    private const double SmallestSeconds = 0.0001;
    private const double Growth = 1.25;
    private static readonly double LogGrowth = Math.Log(Growth);

    public static int IndexOf(double seconds)
    {
        if (!(seconds >= SmallestSeconds))
        {
            return 0;
        }

        var index = 1 + (int)Math.Floor(Math.Log(seconds / SmallestSeconds) / LogGrowth);
        return Math.Min(index, Count - 1);
    }

    public static double LowerBound(int index) => index == 0 ? 0 : SmallestSeconds * Math.Pow(Growth, index - 1);

    public static double UpperBound(int index) => SmallestSeconds * Math.Pow(Growth, index);

    /// <summary>The value a percentile falling in bucket <paramref name="index"/> reports: its geometric middle.</summary>
    public static double Representative(int index) => index == 0 ? SmallestSeconds / 2 : Math.Sqrt(LowerBound(index) * UpperBound(index));
}
