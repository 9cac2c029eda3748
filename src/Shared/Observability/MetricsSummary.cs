namespace McpGateway.Shared.Observability;

/// <summary>Execution figures of one item or of a whole kind, in ContextForge's shape (times in seconds).</summary>
public sealed record MetricsSummary(
    long TotalExecutions,
    long SuccessfulExecutions,
    long FailedExecutions,
    double FailureRate,
    double? MinResponseTime,
    double? MaxResponseTime,
    double? AvgResponseTime,
    DateTimeOffset? LastExecutionTime)
{
    public static readonly MetricsSummary Empty = new(0, 0, 0, 0, null, null, null, null);

    public static MetricsSummary Of(IReadOnlyCollection<MetricEvent> events)
    {
        if (events.Count == 0)
        {
            return Empty;
        }

        long failed = events.Count(e => !e.Success);
        return new MetricsSummary(
            events.Count,
            events.Count - failed,
            failed,
            (double)failed / events.Count,
            events.Min(e => e.Seconds),
            events.Max(e => e.Seconds),
            events.Average(e => e.Seconds),
            events.Max(e => e.At));
    }
}

/// <summary>One recorded invocation.</summary>
public readonly record struct MetricEvent(string ItemId, bool Success, double Seconds, DateTimeOffset At);
