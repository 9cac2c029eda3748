using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// Write-to-visible time across two instances on one storage account: a second gateway instance (B) on the first's
/// (A's) storage prefix; a tool created on A, then GET /tools/{id} on B every 5 ms until it answers 200. The time
/// runs from A's 201 to B's first 200.
/// </summary>
public sealed class VisibilityPart : IBenchmarkPart
{
    private const int Samples = 10;
    private const double TargetMilliseconds = 1000;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LongestStart = TimeSpan.FromSeconds(60);

    public BenchmarkSection Section => BenchmarkSection.Visibility;

    public TimeSpan Budget(BenchmarkSettings settings) => StartAllowance + (Samples * LongestWait);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var a = context.Gateway;
        await context.Progress.WriteLineAsync("Starting a second gateway instance on the same storage...");
        var settings = context.Settings.HostSettings().ToDictionary();
        settings["STORAGE_PREFIX"] = a.StoragePrefix;
        await using var b = await GatewayInstance.StartAsync(context.Azurite.ConnectionString, settings);
        if (!await WaitUntilServedAsync(b, $"tools/{BenchmarkContext.RestTool}", LongestStart, cancellationToken))
        {
            throw new InvalidOperationException($"The second instance did not serve the catalog within {LongestStart.TotalSeconds} s:\n{b.LastOutput}");
        }

        await context.Progress.WriteLineAsync($"Write on A, visible on B: {Samples} tools");
        var visible = new Measurement();
        for (var sample = 0; sample < Samples; sample++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"bench_visible_{Guid.NewGuid():N}");
            var created = await a.CreateOrFailAsync("tools", GatewayInstance.RestTool(name, context.Backend.EchoUrl), cancellationToken);
            var written = Stopwatch.GetTimestamp();
            var seen = await WaitUntilServedAsync(b, $"tools/{created["id"]!.GetValue<string>()}", LongestWait, cancellationToken);
            visible.Record(Stopwatch.GetElapsedTime(written), seen ? null : $"not visible on B within {LongestWait.TotalSeconds} s");
        }

        return
        [
            new ResultRow("write-to-visible: POST /tools on A → GET /tools/{id} 200 on B (p50 = median)", null, visible,
                Outcome: Outcome.AtMost(visible.PercentileMilliseconds(50), TargetMilliseconds, "ms median")),
        ];
    }

    /// <returns>Whether <paramref name="path"/> answered 200 on <paramref name="instance"/> within <paramref name="longest"/>.</returns>
    private static async Task<bool> WaitUntilServedAsync(GatewayInstance instance, string path, TimeSpan longest, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(longest.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var response = await instance.Client.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return false;
    }
}
