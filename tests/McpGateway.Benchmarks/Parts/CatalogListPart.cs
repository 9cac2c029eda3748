using System.Globalization;

namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// Creates <see cref="BenchmarkSettings.CatalogTools"/> REST tools (concurrent POST /tools, itself a row), then walks
/// tools/list (2026-07-28) page by page, from the first again after the last, and reads GET /tools?limit=1000.
/// </summary>
public sealed class CatalogListPart : IBenchmarkPart
{
    private const double PageTargetMilliseconds = 5;
    private const double RestListTargetMilliseconds = 50;
    private const int RestListLimit = 1000;

    public BenchmarkSection Section => BenchmarkSection.List;

    public TimeSpan Budget(BenchmarkSettings settings) => settings.BulkLimit + (2 * settings.Measure);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var gateway = context.Gateway;
        var run = Guid.NewGuid().ToString("N")[..6];
        var create = new CallPath("POST /tools, creating the catalog", async (number, token) =>
        {
            var tool = GatewayInstance.RestTool(string.Create(CultureInfo.InvariantCulture, $"bench_list_{run}_{number:D5}"), context.Backend.EchoUrl);
            return (await gateway.CreateAsync("tools", tool, token)).Failure;
        }, gateway.Cpu);
        var wanted = context.Settings.CatalogTools;
        await context.Progress.WriteLineAsync($"{create.Name}: {wanted} tools at {BenchmarkSettings.BulkConcurrency} connections, at most {context.Settings.BulkLimit.TotalSeconds} s");
        var created = await BenchmarkContext.MeasureAsync(create, BenchmarkSettings.BulkConcurrency, context.Settings.BulkLimit, cancellationToken, wanted);
        var tools = created.Completed - created.Failures;
        var catalog = Outcome.Format($"{tools:N0} tools created") + (tools < wanted ? " (creating ran out of time)" : string.Empty);

        var lister = StreamableHttpToolCaller.CreateLister(gateway.Client);
        string? cursor = null;
        var pages = new CallPath($"tools/list, one page, {catalog}", async (number, token) =>
        {
            var (failure, next) = await lister.ListToolsAsync(number, cursor, token);
            cursor = next;
            return failure;
        }, gateway.Cpu);
        var restList = gateway.GetPath(Outcome.Format($"GET /tools?limit={RestListLimit}, {catalog}"), Outcome.Format($"tools?limit={RestListLimit}"));
        await context.Progress.WriteLineAsync($"{pages.Name} and {restList.Name}: {context.Settings.Measure.TotalSeconds} s each at 1 connection");
        // One connection: each page asks for the cursor the previous page returned.
        var paged = await BenchmarkContext.MeasureAsync(pages, 1, context.Settings.Measure, cancellationToken);
        var listed = await BenchmarkContext.MeasureAsync(restList, 1, context.Settings.Measure, cancellationToken);
        return
        [
            new ResultRow(create.Name, BenchmarkSettings.BulkConcurrency, created),
            new ResultRow(pages.Name, 1, paged, Outcome: Outcome.AtMost(paged.PercentileMilliseconds(50), PageTargetMilliseconds, "ms p50")),
            new ResultRow(restList.Name, 1, listed, Outcome: Outcome.AtMost(listed.PercentileMilliseconds(50), RestListTargetMilliseconds, "ms p50")),
        ];
    }
}
