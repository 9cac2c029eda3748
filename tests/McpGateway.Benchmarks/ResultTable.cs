using System.Globalization;
using System.Runtime.InteropServices;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>One path measured at one concurrency level.</summary>
public sealed record ResultRow(CallPath Path, int Concurrency, Measurement Measurement);

/// <summary>The figures of one run as a Markdown table (readable in a terminal, pasteable into a review).</summary>
public static class ResultTable
{
    public static void Write(TextWriter output, IReadOnlyList<ResultRow> rows, BenchmarkSettings settings)
    {
        output.WriteLine();
        output.WriteLine("| path | concurrency | requests | errors | seconds | req/s | p50 ms | p90 ms | p99 ms | p50 ×direct | p99 ×direct | req/s ×direct | gateway CPU ms/req | Azurite CPU ms/req |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (path, concurrency, m) in rows)
        {
            var baseline = rows.FirstOrDefault(r => r.Path.IsBaseline && r.Concurrency == concurrency)?.Measurement;
            var ratios = path.IsBaseline || baseline is null
                ? "— | — | —"
                : $"{Ratio(m.PercentileMilliseconds(50), baseline.PercentileMilliseconds(50))} | {Ratio(m.PercentileMilliseconds(99), baseline.PercentileMilliseconds(99))} | {Ratio(m.Throughput, baseline.Throughput)}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {path.Name} | {concurrency} | {m.Completed} | {m.Failures} | {m.Elapsed.TotalSeconds:F2} | {m.Throughput:F0} | {m.PercentileMilliseconds(50):F2} | {m.PercentileMilliseconds(90):F2} | {m.PercentileMilliseconds(99):F2} | {ratios} | {m.PerRequestMilliseconds(m.GatewayCpu):F3} | {m.PerRequestMilliseconds(m.StorageCpu):F3} |"));
        }

        output.WriteLine();
        output.WriteLine("×direct: the gateway's figure divided by the direct call's at the same concurrency (latency: times slower; req/s: share of direct throughput)."
            + " CPU ms/req: CPU time the gateway host and Azurite used during the measurement, per request.");
        foreach (var (path, concurrency, m) in rows.Where(r => r.Measurement.FirstFailure is not null))
        {
            output.WriteLine($"First failure of {path.Name} at concurrency {concurrency}: {Truncate(m.FirstFailure!)}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; {RepositoryPaths.Configuration} build; client, REST backend, gateway and Azurite on the same host."));
        output.WriteLine($"Reproduce: {settings.Command}");
    }

    private static string Ratio(double value, double baseline) =>
        baseline > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value / baseline:G3}") : "n/a";

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
