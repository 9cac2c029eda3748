namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// GET /metrics before any tool call and after <see cref="BenchmarkSettings.MetricsCalls"/> calls through the gateway:
/// the calls the other parts made, topped up with concurrent calls of the REST tool.
/// </summary>
public sealed class MetricsPart : IBenchmarkPart
{
    // The bound: after 100,000 calls /metrics answers within twice its time after none.
    private const double GrowthTarget = 2;

    private Measurement? beforeCalls;

    public BenchmarkSection Section => BenchmarkSection.Metrics;

    public TimeSpan Budget(BenchmarkSettings settings) => (2 * settings.Measure) + settings.BulkLimit;

    public async Task PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await context.Progress.WriteLineAsync($"GET /metrics before any call: {context.Settings.Measure.TotalSeconds} s");
        beforeCalls = await MeasureMetricsAsync(context, cancellationToken);
    }

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var calls = await BenchmarkContext.RestToolPathAsync(context.Gateway, "tools/call of the REST tool, the bulk before the second GET /metrics", cancellationToken);
        var remaining = context.Settings.MetricsCalls - context.Gateway.ToolCalls;
        Measurement? bulk = null;
        if (remaining > 0)
        {
            await context.Progress.WriteLineAsync($"{calls.Name}: {remaining} calls at {BenchmarkSettings.BulkConcurrency} connections, at most {context.Settings.BulkLimit.TotalSeconds} s");
            bulk = await BenchmarkContext.MeasureAsync(calls, BenchmarkSettings.BulkConcurrency, context.Settings.BulkLimit, cancellationToken, remaining);
        }

        var made = context.Gateway.ToolCalls;
        await context.Progress.WriteLineAsync($"GET /metrics after {made} calls: {context.Settings.Measure.TotalSeconds} s");
        var afterCalls = await MeasureMetricsAsync(context, cancellationToken);
        var before = beforeCalls ?? throw new InvalidOperationException("GET /metrics was not measured before the calls.");
        var shortOf = made < context.Settings.MetricsCalls ? " (the bulk ran out of time)" : string.Empty;
        return
        [
            new ResultRow("GET /metrics after 0 calls", 1, before),
            .. bulk is null ? Array.Empty<ResultRow>() : [new ResultRow(calls.Name, BenchmarkSettings.BulkConcurrency, bulk)],
            new ResultRow(Outcome.Format($"GET /metrics after {made:N0} calls{shortOf}"), 1, afterCalls,
                Outcome: Outcome.AtMost(afterCalls.PercentileMilliseconds(50) / before.PercentileMilliseconds(50), GrowthTarget, "× the p50 after 0 calls")),
        ];
    }

    private static Task<Measurement> MeasureMetricsAsync(BenchmarkContext context, CancellationToken cancellationToken) =>
        BenchmarkContext.MeasureAsync(context.Gateway.GetPath("GET /metrics", "metrics"), 1, context.Settings.Measure, cancellationToken);
}
