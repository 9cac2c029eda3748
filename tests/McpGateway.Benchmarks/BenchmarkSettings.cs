using System.Globalization;

namespace McpGateway.Benchmarks;

/// <summary>What one benchmark run measures, and the command line that repeats it.</summary>
/// <param name="Requests">Measured requests per path and concurrency level (fewer when its share of the time cap runs out).</param>
/// <param name="ConcurrencyLevels">Requests kept in flight at once, one measurement per level.</param>
/// <param name="TimeCap">The longest all measurements together may take; each path and level gets an equal share.</param>
/// <param name="Warmup">Unmeasured requests sent before each measurement.</param>
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

    /// <summary>The time one path at one level may take, its warm-up included.</summary>
    public TimeSpan Share(int paths) => TimeCap / (paths * ConcurrencyLevels.Count);
}
