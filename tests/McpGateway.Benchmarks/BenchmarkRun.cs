using System.Diagnostics;
using McpGateway.Benchmarks.Parts;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>
/// Starts Azurite, the REST backend and the gateway host (with the REST tool registered), runs every part's
/// preparation (what must be measured before any load), then each part, and prints one table of all their rows.
/// </summary>
public sealed class BenchmarkRun(BenchmarkSettings settings)
{
    // Azurite, the hosts and their first requests; beyond the parts' budgets and this, the hard cap stops the run.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(3);

    private static readonly IBenchmarkPart[] AllParts =
    [
        new RestToolPart(), new McpToolPart(), new StorageLatencyPart(), new StdioPart(),
        new ResidentMemoryPart(), new MetricsPart(), new CatalogListPart(), new VisibilityPart(),
    ];

    /// <returns>0 when every request succeeded, 1 when some failed or a part could not run, 2 when the hard cap stopped the run.</returns>
    public async Task<int> RunAsync(TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var parts = AllParts.Where(p => settings.Runs(p.Section)).OrderBy(p => p.Section).ToList();
        var cap = StartupAllowance + parts.Aggregate(TimeSpan.Zero, (total, part) => total + part.Budget(settings));
        await progress.WriteLineAsync($"Parts: {string.Join(", ", parts.Select(p => p.Section))}; hard cap {cap.TotalMinutes:F1} min.");
        using var hardCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardCap.CancelAfter(cap);
        var rows = new List<ResultRow>();
        var status = 0;
        try
        {
            status = await MeasureAsync(parts, rows, progress, hardCap.Token);
        }
        catch (OperationCanceledException) when (hardCap.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await progress.WriteLineAsync($"Stopped: the run exceeded its hard cap of {cap.TotalMinutes:F1} min; the table has the rows measured before.");
            status = 2;
        }

        ResultTable.Write(output, rows, settings, clock.Elapsed);
        return status == 0 && rows.Any(r => r.Load is { } m && (m.Failures > 0 || m.Completed == 0)) ? 1 : status;
    }

    private async Task<int> MeasureAsync(IReadOnlyList<IBenchmarkPart> parts, List<ResultRow> rows, TextWriter progress, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"Starting Azurite, the REST backend and the gateway host ({RepositoryPaths.Configuration})...");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var backend = await RestBackendProcess.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(azurite.ConnectionString, settings.HostSettings());
        var context = new BenchmarkContext(settings, progress, azurite, backend, gateway);
        using var direct = context.Direct;
        var status = 0;
        try
        {
            await gateway.CreateOrFailAsync("tools", GatewayInstance.RestTool(BenchmarkContext.RestTool, backend.EchoUrl), cancellationToken);
            foreach (var part in parts)
            {
                await part.PrepareAsync(context, cancellationToken);
            }

            foreach (var part in parts)
            {
                try
                {
                    rows.AddRange(await part.RunAsync(context, cancellationToken));
                }
                catch (InvalidOperationException ex)
                {
                    // One part that cannot run (a program missing, a path that fails its first call) leaves the others' rows.
                    await progress.WriteLineAsync($"{part.Section} could not run: {ex.Message}\nThe gateway host's last output:\n{gateway.LastOutput}");
                    rows.Add(new ResultRow($"{part.Section}: could not run ({FirstLine(ex.Message)})", null, null));
                    status = 1;
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            await progress.WriteLineAsync($"{ex.Message}\nThe gateway host's last output:\n{gateway.LastOutput}");
            return 1;
        }

        return status;
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}
