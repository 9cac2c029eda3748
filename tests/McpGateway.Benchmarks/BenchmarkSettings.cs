using System.Globalization;

namespace McpGateway.Benchmarks;

/// <summary>What one benchmark run measures, and the command line that repeats it.</summary>
/// <param name="Sections">The parts to run, in the order the run takes them.</param>
/// <param name="ConcurrencyLevels">Requests kept in flight at once for the direct-versus-gateway rows, one row per level.</param>
/// <param name="Measure">How long each row measures.</param>
/// <param name="Warmup">How long each path is called, unmeasured, before its rows.</param>
/// <param name="CatalogTools">Tools created for the list rows.</param>
/// <param name="MetricsCalls">Tool calls made through the gateway before the second GET /metrics.</param>
/// <param name="GatewaySettings">Settings given to the gateway hosts on top of the benchmark's own (KEY=VALUE, as their environment).</param>
public sealed record BenchmarkSettings(
    IReadOnlySet<BenchmarkSection> Sections,
    IReadOnlyList<int> ConcurrencyLevels,
    TimeSpan Measure,
    TimeSpan Warmup,
    int CatalogTools,
    int MetricsCalls,
    IReadOnlyList<string> GatewaySettings)
{
    /// <summary>Connections of the stdio rows.</summary>
    public const int StdioConcurrency = 8;

    /// <summary>Clients creating the catalog, and making the calls before the second GET /metrics, at once.</summary>
    public const int BulkConcurrency = 32;

    public string Command => string.Create(CultureInfo.InvariantCulture,
        $"./scripts/bench.sh --only {string.Join(',', Enum.GetValues<BenchmarkSection>().Where(Sections.Contains).Select(s => s.ToString().ToLowerInvariant()))}"
        + $" --concurrency {string.Join(',', ConcurrencyLevels)} --seconds {Measure.TotalSeconds} --warmup {Warmup.TotalSeconds}"
        + $" --tools {CatalogTools} --calls {MetricsCalls}")
        + string.Concat(GatewaySettings.Select(setting => $" --gateway-setting {setting}"));

    /// <summary>
    /// The longest a bulk phase (creating the catalog, making the calls before the second GET /metrics) may take:
    /// what it reached by then is what its row reports.
    /// </summary>
    public TimeSpan BulkLimit => Measure * 24;

    public bool Runs(BenchmarkSection section) => Sections.Contains(section);

    /// <summary>
    /// The gateway's settings: REST tool limits lifted above the load (the defaults, 100 calls a minute and 10 at once,
    /// would measure the limiter), stdio peers allowed to run node, then <see cref="GatewaySettings"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> HostSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["TOOL_RATE_LIMIT"] = "1000000",
            ["TOOL_CONCURRENT_LIMIT"] = Math.Max(ConcurrencyLevels.Max(), BulkConcurrency).ToString(CultureInfo.InvariantCulture),
            ["STDIO_ALLOWED_COMMANDS"] = NodeTools.Node,
        };
        foreach (var setting in GatewaySettings)
        {
            var separator = setting.IndexOf('=', StringComparison.Ordinal);
            settings[setting[..separator]] = setting[(separator + 1)..];
        }

        return settings;
    }
}
