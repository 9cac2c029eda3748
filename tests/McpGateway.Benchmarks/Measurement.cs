using HdrHistogram;

namespace McpGateway.Benchmarks;

/// <summary>What one path did at one concurrency level: latencies of every completed request, failures, wall time.</summary>
public sealed class Measurement
{
    private static readonly long LongestLatencyMicroseconds = (long)TimeSpan.FromMinutes(2).TotalMicroseconds;

    // Recorded in microseconds, 3 significant digits: 0.1% resolution over 1 µs .. 2 min.
    private readonly LongConcurrentHistogram latencies = new(1, LongestLatencyMicroseconds, 3);
    private long failures;
    private string? firstFailure;

    public long Completed => latencies.TotalCount;

    public long Failures => Interlocked.Read(ref failures);

    /// <summary>What the first failed request returned, to explain a failure count.</summary>
    public string? FirstFailure => firstFailure;

    public TimeSpan Elapsed { get; set; }

    /// <summary>CPU time the process between client and upstream (the gateway, or the proxy compared with it) used meanwhile.</summary>
    public TimeSpan? ProxyCpu { get; set; }

    public double Throughput => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;

    public double MeanMilliseconds => Completed == 0 ? double.NaN : latencies.GetMean() / 1000.0;

    public void Record(TimeSpan latency, string? failure)
    {
        latencies.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, LongestLatencyMicroseconds));
        if (failure is not null)
        {
            Interlocked.Increment(ref failures);
            Interlocked.CompareExchange(ref firstFailure, failure, null);
        }
    }

    public double PerRequestMilliseconds(TimeSpan total) => Completed == 0 ? double.NaN : total.TotalMilliseconds / Completed;

    public double PercentileMilliseconds(double percentile) =>
        Completed == 0 ? double.NaN : latencies.GetValueAtPercentile(percentile) / 1000.0;
}
