namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// The gateway process's resident set (VmRSS): idle, after start before any part sends load, and its peak while
/// the REST tool is called at the highest level.
/// </summary>
public sealed class ResidentMemoryPart : IBenchmarkPart
{
    private const double IdleTargetMegabytes = 150;

    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(3);

    private long idleMegabytes;

    public BenchmarkSection Section => BenchmarkSection.Rss;

    public TimeSpan Budget(BenchmarkSettings settings) => IdleSettle + settings.Warmup + settings.Measure;

    public async Task PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(IdleSettle, cancellationToken);
        idleMegabytes = ResidentMemory.Megabytes(context.Gateway.ProcessId);
    }

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var connections = context.Settings.ConcurrencyLevels.Max();
        var path = await BenchmarkContext.RestToolPathAsync(context.Gateway, "gateway RSS under load: peak VmRSS while the REST tool is called", cancellationToken);
        await LoadGenerator.RunAsync(path.Send, connections, context.Settings.Warmup, cancellationToken);
        await context.Progress.WriteLineAsync($"{path.Name}: {connections} connections, {context.Settings.Measure.TotalSeconds} s");
        Measurement load;
        long peak;
        await using (var memory = ResidentMemory.Sample(context.Gateway.ProcessId))
        {
            load = await BenchmarkContext.MeasureAsync(path, connections, context.Settings.Measure, cancellationToken);
            peak = memory.PeakMegabytes;
        }

        return
        [
            new ResultRow("gateway RSS idle: VmRSS after start, before any load", null, null, Outcome: Outcome.AtMost(idleMegabytes, IdleTargetMegabytes, "MB")),
            new ResultRow(path.Name, connections, load, Outcome: new Outcome(null, null, Outcome.Format($"{peak} MB"))),
        ];
    }
}
