using System.Globalization;
using System.Runtime.InteropServices;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>The figures of one run as one Markdown table (readable in a terminal, pasteable into a review).</summary>
public static class ResultTable
{
    private const string None = "—";

    public static void Write(TextWriter output, IReadOnlyList<ResultRow> rows, BenchmarkSettings settings, TimeSpan took)
    {
        output.WriteLine();
        output.WriteLine("| measured | conns | calls | errors | req/s | p50 ms | p99 ms | ×direct | added ms/call | proxy CPU ms/call | target | result |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (var row in rows)
        {
            var m = row.Load;
            output.WriteLine(string.Join(" | ",
                "| " + row.What,
                row.Connections?.ToString(CultureInfo.InvariantCulture) ?? None,
                m is null ? None : m.Completed.ToString(CultureInfo.InvariantCulture),
                m is null ? None : m.Failures.ToString(CultureInfo.InvariantCulture),
                m is null || m.Elapsed == TimeSpan.Zero ? None : Number(m.Throughput, "F0"),
                m is null ? None : Number(m.PercentileMilliseconds(50), "F2"),
                m is null ? None : Number(m.PercentileMilliseconds(99), "F2"),
                row.Ratio is { } ratio ? Number(ratio, "G3") : None,
                row.AddedMilliseconds is { } added ? Number(added, "F2") : None,
                m?.ProxyCpu is { } cpu ? Number(m.PerRequestMilliseconds(cpu), "F3") : None,
                row.Outcome?.Target ?? None,
                Result(row) + " |"));
        }

        output.WriteLine();
        output.WriteLine("conns: requests kept in flight (closed loop, one connection each); warm-up excluded. ×direct: req/s divided by the baseline's (the same call made directly; "
            + "for the stdio rows the SDK client on the server's stdio). added ms/call: mean latency minus the baseline's. proxy CPU: CPU time of the process between client and upstream, per call.");
        foreach (var row in rows.Where(r => r.Load?.FirstFailure is not null))
        {
            output.WriteLine($"First error of \"{row.What}\" ({row.Connections} conns): {Truncate(row.Load!.FirstFailure!)}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; {RepositoryPaths.Configuration} build; every process on 127.0.0.1 of this host. The run took {took.TotalMinutes:F1} min."));
        output.WriteLine($"Reproduce: {settings.Command}");
    }

    private static string Result(ResultRow row)
    {
        var errors = row.Load is { Failures: > 0 } m ? $"**{m.Failures} errors** " : string.Empty;
        return row.Outcome switch
        {
            null => errors.Length > 0 ? errors.TrimEnd() : None,
            { Met: null } outcome => errors + outcome.Figure,
            { Met: true } outcome => $"{errors}met ({outcome.Figure})",
            { } outcome => $"{errors}missed ({outcome.Figure})",
        };
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? None : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
