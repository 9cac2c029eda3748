namespace McpGateway.Shared.Observability;

/// <summary>
/// Execution figures of one item or of a whole kind, in ContextForge's shape (times in seconds), plus latency
/// percentiles read from the roll-ups' histograms.
/// </summary>
public sealed record MetricsSummary(
    long TotalExecutions,
    long SuccessfulExecutions,
    long FailedExecutions,
    double FailureRate,
    double? MinResponseTime,
    double? MaxResponseTime,
    double? AvgResponseTime,
    DateTimeOffset? LastExecutionTime,
    double? P50ResponseTime,
    double? P95ResponseTime,
    double? P99ResponseTime)
{
    public static readonly MetricsSummary Empty = new(0, 0, 0, 0, null, null, null, null, null, null, null);
}
