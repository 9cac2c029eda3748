using McpGateway.Shared.Configuration;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>The limits of a REST tool's resilience pipeline: the TOOL_* settings plus fixed backoff and circuit-breaker tuning.</summary>
internal sealed record RestPipelineSettings(TimeSpan Timeout, int MaxRetries, int RateLimitPerMinute, int ConcurrentLimit)
{
    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> before the failure ratio counts, so one early failure does not open it.</summary>
    public int MinimumThroughput { get; init; } = 10;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before letting one through to probe the upstream.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    public static RestPipelineSettings From(ToolOptions options) => new(
        TimeSpan.FromSeconds(options.TimeoutSeconds), options.MaxRetries, options.RateLimitPerMinute, options.ConcurrentLimit);
}
