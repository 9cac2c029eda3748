using System.Globalization;

namespace McpGateway.Benchmarks;

/// <summary>A row's target and whether this run met it, with the figure compared (or only the figure, without a target).</summary>
public sealed record Outcome(string? Target, bool? Met, string Figure)
{
    public static Outcome AtMost(double value, double bound, string unit) =>
        new(Format($"≤ {bound:G4} {unit}"), value <= bound, Format($"{value:F2} {unit}"));

    public static Outcome AtLeast(double value, double bound, string unit) =>
        new(Format($"≥ {bound:G4} {unit}"), value >= bound, Format($"{value:G3} {unit}"));

    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// One line of the table: what was measured, under which load, and against what: <paramref name="Baseline"/> is the
/// same call made directly (or the proxy compared with), for the ratio and the latency added per call.
/// </summary>
public sealed record ResultRow(string What, int? Connections, Measurement? Load, Measurement? Baseline = null, Outcome? Outcome = null)
{
    /// <summary>Throughput as a share of the baseline's.</summary>
    public double? Ratio => Load is not null && Baseline is { Throughput: > 0 } ? Load.Throughput / Baseline.Throughput : null;

    /// <summary>Mean latency above the baseline's, per call.</summary>
    public double? AddedMilliseconds => Load is not null && Baseline is not null ? Load.MeanMilliseconds - Baseline.MeanMilliseconds : null;
}
