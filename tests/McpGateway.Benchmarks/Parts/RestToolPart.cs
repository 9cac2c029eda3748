namespace McpGateway.Benchmarks.Parts;

/// <summary>tools/call of a REST tool (2026-07-28) through the gateway against the REST endpoint called directly, at every level.</summary>
public sealed class RestToolPart : IBenchmarkPart
{
    /// <summary>The targets: throughput at 32 connections, and latency added at 1.</summary>
    private const int ThroughputTargetConnections = 32;
    private const double ThroughputTarget = 0.25;
    private const double AddedLatencyTargetMilliseconds = 0.5;

    public BenchmarkSection Section => BenchmarkSection.Rest;

    public TimeSpan Budget(BenchmarkSettings settings) => BenchmarkContext.ComparisonTime(settings, 2, settings.ConcurrencyLevels.Count);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var direct = await context.DirectEchoAsync(cancellationToken);
        var gateway = await BenchmarkContext.RestToolPathAsync(context.Gateway, "REST tool via gateway (tools/call 2026-07-28)", cancellationToken);
        var levels = context.Settings.ConcurrencyLevels;
        var measured = await context.CompareAsync([direct, gateway], levels, cancellationToken);
        return levels.SelectMany(level =>
        {
            var baseline = measured[(direct.Name, level)];
            var row = new ResultRow(gateway.Name, level, measured[(gateway.Name, level)], baseline);
            row = row with
            {
                Outcome = level switch
                {
                    ThroughputTargetConnections => Outcome.AtLeast(row.Ratio ?? 0, ThroughputTarget, "× direct"),
                    1 => Outcome.AtMost(row.AddedMilliseconds ?? double.NaN, AddedLatencyTargetMilliseconds, "ms added"),
                    _ => null,
                },
            };
            return new[] { new ResultRow(direct.Name, level, baseline), row };
        }).ToList();
    }
}
