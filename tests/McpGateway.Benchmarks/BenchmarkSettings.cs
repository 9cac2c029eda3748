using System.Globalization;

namespace McpGateway.Benchmarks;

/// <summary>What one benchmark run measures, and the command line that repeats it.</summary>
/// <param name="Requests">Measured requests per path and concurrency level (fewer when its share of the time cap runs out).</param>
/// <param name="ConcurrencyLevels">Requests kept in flight at once, one measurement per level.</param>
/// <param name="TimeCap">The longest all measurements together may take; each path and level gets an equal share.</param>
/// <param name="Warmup">Unmeasured requests sent before each measurement.</param>
public sealed record BenchmarkSettings(int Requests, IReadOnlyList<int> ConcurrencyLevels, TimeSpan TimeCap, int Warmup)
{
    public string Command => string.Create(CultureInfo.InvariantCulture,
        $"./scripts/bench.sh --requests {Requests} --concurrency {string.Join(',', ConcurrencyLevels)} --seconds {TimeCap.TotalSeconds} --warmup {Warmup}");

    /// <summary>The time one path at one level may take, its warm-up included.</summary>
    public TimeSpan Share(int paths) => TimeCap / (paths * ConcurrencyLevels.Count);
}
