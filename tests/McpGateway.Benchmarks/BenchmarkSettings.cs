using System.Globalization;

namespace McpGateway.Benchmarks;

/// <summary>What one benchmark run measures, and the command line that repeats it.</summary>
/// <param name="Requests">Measured requests per path and concurrency level (fewer when its share of the time cap runs out).</param>
/// <param name="ConcurrencyLevels">Requests kept in flight at once, one measurement per level.</param>
/// <param name="TimeCap">
/// The longest warm-up and measurements together may take: a fifth for the warm-up, the rest in equal shares for
/// each path and level.
/// </param>
/// <param name="Warmup">Unmeasured requests per path before any measurement, at the highest level (the JIT's tiering settles).</param>
/// <param name="GatewaySettings">Settings given to the gateway host on top of the benchmark's own (KEY=VALUE, as its environment).</param>
public sealed record BenchmarkSettings(int Requests, IReadOnlyList<int> ConcurrencyLevels, TimeSpan TimeCap, int Warmup, IReadOnlyList<string> GatewaySettings)
{
    public string Command => string.Create(CultureInfo.InvariantCulture,
        $"./scripts/bench.sh --requests {Requests} --concurrency {string.Join(',', ConcurrencyLevels)} --seconds {TimeCap.TotalSeconds} --warmup {Warmup}")
        + string.Concat(GatewaySettings.Select(setting => $" --gateway-setting {setting}"));

    /// <summary>
    /// The gateway's settings: REST tool limits lifted above the load (the defaults, 100 calls a minute and 10 at once,
    /// would measure the limiter), then <see cref="GatewaySettings"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> HostSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["TOOL_RATE_LIMIT"] = "1000000",
            ["TOOL_CONCURRENT_LIMIT"] = ConcurrencyLevels.Max().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var setting in GatewaySettings)
        {
            var separator = setting.IndexOf('=', StringComparison.Ordinal);
            settings[setting[..separator]] = setting[(separator + 1)..];
        }

        return settings;
    }

    /// <summary>The time one path's warm-up may take.</summary>
    public TimeSpan WarmupShare(int paths) => TimeCap / 5 / paths;

    /// <summary>The time one path at one level may take.</summary>
    public TimeSpan MeasurementShare(int paths) => TimeCap * 4 / 5 / (paths * ConcurrencyLevels.Count);
}
